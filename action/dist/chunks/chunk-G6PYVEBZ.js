import{c as R,d as H,j as M,k as S,l as _,m as w,o as D}from"./chunk-A7Z473V5.js";import{c as A}from"./chunk-TDLE4MWU.js";import{a as y,c as I}from"./chunk-ADAJMAKG.js";import{a as r}from"./chunk-3TKICF7E.js";var l={lineBreaks:/[\r\n]+/g,httpUrl:/^https?:\/\//i,urlUnsafe:/[\s<>()"'`\\]/g,backtickRun:/`+/g,login:/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/,notKindChar:/[^\w.-]/g,emphasis:/[*_`[\]\\]/g},z=50,G=512,E=1024,W=4e3;function Y(e=[],n=[]){let t=new Set,o=[];for(let s of[A.handoff,...e,...n]){let i=R(s.trim(),z).trim(),a=i.toLowerCase();i===""||t.has(a)||(t.add(a),o.push(i))}return o}r(Y,"renderLabels");function d(e,n=200){return R(e.replace(l.lineBreaks," "),n).replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")}r(d,"plain");function Z(e){return l.httpUrl.test(e)?e.replace(l.urlUnsafe,n=>`%${n.charCodeAt(0).toString(16).toUpperCase().padStart(2,"0")}`):null}r(Z,"safeUrl");function g(e,n){let t=Z(n);return t?`[${e}](${t})`:e}r(g,"link");function O(e){switch(e.type){case"comment":return`${g("a comment",e.url)} on ${d(e.repo)}#${e.thread}`;case"file":return`${g(`\`${d(e.path).replace(/`/g,"'")}\``,e.url)} in ${d(e.repo)}`;case"issue":return g(`${d(e.repo)}#${e.number}`,e.url)}}r(O,"sourceLink");function T(e){let n=Object.entries(e?.kinds??{}).filter(([,t])=>t>0);return n.length===0?"":` · redacted: ${n.map(([t,o])=>`${o} ${d(t,60).replace(l.notKindChar,"-")}`).join(", ")}`}r(T,"redactionSummary");function v(e){let n=e?.match(l.login)?.[0];return n?` by @${n}`:""}r(v,"byAuthor");function q(e){let n=e.source.type==="comment"?`${e.source.repo}#${e.source.thread}`:null,t=e.parent&&e.parent!==n?` for ${d(e.parent,300)}`:"";return`Handoff filed from ${O(e.source)}${v(e.author)}${t}${T(e.redactions)}`}r(q,"issueHeader");function J(e,n){let t=e.status??e.metadata.status;return`### Return handoff${t?` · status: **${d(t,100).replace(l.emphasis,"")}**`:""}

From ${O(n.source)}${v(n.author)}${T(n.redactions)}`}r(J,"returnHeader");function L(e,n){let t=n.permalinks;if(!t||e.pointers.length===0)return"";let o=[],s=0;for(let[i,a]of e.pointers.entries()){let f=`- ${g(`\`${d(a.raw,300).replace(/`/g,"'")}\``,S(a,t))}`;if(s+f.length>W){o.push(`- … and ${e.pointers.length-i} more in the text above`);break}o.push(f),s+=f.length+1}return`

<details><summary>Files at ${d(t.ref,64)}</summary>

${o.join(`
`)}

</details>`}r(L,"pointerLinks");function Q(e){return e.frontmatterText===null?{frontmatter:"",body:e.source}:e.source.endsWith(e.body)?{frontmatter:e.source.slice(0,e.source.length-e.body.length),body:e.body}:{frontmatter:`---
${e.frontmatterText}
---
`,body:e.body}}r(Q,"documentParts");function N(e){let n=0;for(let t of e.matchAll(l.backtickRun))n=Math.max(n,t[0].length);return n}r(N,"longestBacktickRun");function V(e,n){let t=n.text.length;if(e==="frontmatter"){let i="`".repeat(Math.max(3,N(n.text)+1)),a=n.text.endsWith(`
`)?"":`
`;return`<details><summary>Frontmatter</summary>

<!-- handoff:frontmatter n=${t} -->
${i}yaml
${n.text}${a}${i}
${w.frontmatter}

</details>`}let o=n.reopen===null?"":`${n.reopen}
`,s=n.close===null?"":`${n.close}
`;return`<!-- handoff:body n=${t}${n.reopen===null?"":" reopen"} -->
${o}${n.text}
${s}${w.body}`}r(V,"renderRegion");function ee(e,n){return e==="frontmatter"?160+N(n)*2:488}r(ee,"regionOverhead");function j(e,n){let{frontmatter:t,body:o}=Q(e),s=[{kind:"frontmatter",cut:H(t,!1),text:t},{kind:"body",cut:H(o),text:o}].filter(u=>u.text.length>0||u.kind==="body"),i=r(u=>y({...n.marker,role:"overflow",part:u}),"overflowMarker"),a=y(n.marker),f=a.length+n.first.length+n.notice(999).length+n.footer.length,m=r(()=>i(999).length+n.continued(999,999).length,"fixedNext"),h=[],$=0;for(;$<s.length;){let u=65536-G-(h.length===0?f:m()),c=[];for(;$<s.length;){let p=s[$];if(!p)break;let x=u-ee(p.kind,p.text);if(x<E&&c.length>0)break;let P=V(p.kind,p.cut.take(Math.max(x,E)));if(c.push(P),u-=P.length+2,!p.cut.done())break;$++}h.push(c)}let k=h.length-1,C=h.map((u,c)=>`${c===0?`${a}
${n.first}${k>0?`

${n.notice(k)}`:""}`:`${i(c)}
${n.continued(c,k)}`}

${u.join(`

`)}${c===0?n.footer:""}
`);return{body:C[0]??"",overflow:C.slice(1)}}r(j,"renderParts");function b(e){return g("the source",e.source.url)}r(b,"sourceUrl");function B(e,n){let t={v:1,kind:e.kind,source:n.source,hash:n.hash,...n.parent?{parent:n.parent}:{}},{body:o,overflow:s}=j(e,{marker:t,first:[q(n),M(e)].filter(a=>a!=="").join(`

`),notice:r(a=>`> [!NOTE]
> This handoff is longer than GitHub allows in one issue; the rest follows in ${a} comment${a===1?"":"s"}. The whole document is at ${b(n)}.`,"notice"),continued:r((a,f)=>`Continued from the issue above (part ${a} of ${f}); the whole document is at ${b(n)}.`,"continued"),footer:L(e,n)});return{title:R(e.title.replace(l.lineBreaks," ").trim(),256)||"Handoff",labels:Y(n.labels,e.labels),body:o,overflow:s}}r(B,"renderIssue");function pe(e,n){let t={v:1,kind:e.kind,source:n.source,hash:n.hash,role:n.role??"return",...n.parent?{parent:n.parent}:{}};return j(e,{marker:t,first:J(e,n),notice:r(o=>`> [!NOTE]
> This return handoff is longer than GitHub allows in one comment; the rest follows in ${o} comment${o===1?"":"s"}. The whole document is at ${b(n)}.`,"notice"),continued:r((o,s)=>`Return handoff, continued (part ${o} of ${s}); the whole document is at ${b(n)}.`,"continued"),footer:L(e,n)})}r(pe,"renderReturnComment");function ne(e,n){return`${e.owner&&e.repo?`${e.owner}/${e.repo}`:n}#${e.number}`}r(ne,"resolveIssueRef");function te(e,n){return e.slice(0,e.lastIndexOf("#")).toLowerCase()===n.toLowerCase()}r(te,"sameRepository");async function U(e,n){let{text:t,report:o}=await D(e,{extraPatterns:n.extraPatterns}),s=_(t),i=s.parent?ne(s.parent,n.source.repo):void 0,a=i!==void 0&&!te(i,n.source.repo),f=i!==void 0&&!a?i:n.parent;return{...a?{foreignParent:i}:{},document:s,redactedText:t,redactions:o,hash:I(t),parent:f,errors:s.diagnostics.filter(m=>m.severity==="error"),warnings:s.diagnostics.filter(m=>m.severity==="warning")}}r(U,"prepareDocument");function re(e,n){return{source:n.source,parent:e.parent,labels:n.labels,redactions:e.redactions,permalinks:n.permalinks,hash:e.hash,author:n.author}}r(re,"renderContext");async function ye(e,n){let t=await U(e,n);return{...t,issue:B(t.document,re(t,n))}}r(ye,"prepareIssue");async function He(e,n){return U(e,n)}r(He,"prepareReturn");export{Y as a,Q as b,pe as c,ye as d,He as e};
