import{b as R,c as y,j as A,k as M,l as S,m as H,o as _}from"./chunk-IPX64RZO.js";import{c as I}from"./chunk-VZKQ4H3N.js";import{a as $,c as P}from"./chunk-RNQSLGB4.js";import{a as r}from"./chunk-3TKICF7E.js";var p={lineBreaks:/[\r\n]+/g,httpUrl:/^https?:\/\//i,urlUnsafe:/[\s<>()"'`\\]/g,backtickRun:/`+/g,login:/^[A-Za-z0-9][A-Za-z0-9-]{0,38}(?:\[bot\])?$/,notKindChar:/[^\w.-]/g,emphasis:/[*_`[\]\\]/g},X=50,z=512,D=1024,G=4e3;function W(e=[],n=[]){let t=new Set,o=[];for(let s of[I.handoff,...e,...n]){let i=R(s.trim(),X).trim(),a=i.toLowerCase();i===""||t.has(a)||(t.add(a),o.push(i))}return o}r(W,"renderLabels");function d(e,n=200){return R(e.replace(p.lineBreaks," "),n).replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")}r(d,"plain");function Y(e){return p.httpUrl.test(e)?e.replace(p.urlUnsafe,n=>`%${n.charCodeAt(0).toString(16).toUpperCase().padStart(2,"0")}`):null}r(Y,"safeUrl");function g(e,n){let t=Y(n);return t?`[${e}](${t})`:e}r(g,"link");function E(e){switch(e.type){case"comment":return`${g("a comment",e.url)} on ${d(e.repo)}#${e.thread}`;case"file":return`${g(`\`${d(e.path).replace(/`/g,"'")}\``,e.url)} in ${d(e.repo)}`;case"issue":return g(`${d(e.repo)}#${e.number}`,e.url)}}r(E,"sourceLink");function O(e){let n=Object.entries(e?.kinds??{}).filter(([,t])=>t>0);return n.length===0?"":` · redacted: ${n.map(([t,o])=>`${o} ${d(t,60).replace(p.notKindChar,"-")}`).join(", ")}`}r(O,"redactionSummary");function T(e){let n=e?.match(p.login)?.[0];return n?` by @${n}`:""}r(T,"byAuthor");function Z(e){let n=e.source.type==="comment"?`${e.source.repo}#${e.source.thread}`:null,t=e.parent&&e.parent!==n?` for ${d(e.parent,300)}`:"";return`Handoff filed from ${E(e.source)}${T(e.author)}${t}${O(e.redactions)}`}r(Z,"issueHeader");function q(e,n){let t=e.status??e.metadata.status;return`### Return handoff${t?` · status: **${d(t,100).replace(p.emphasis,"")}**`:""}

From ${E(n.source)}${T(n.author)}${O(n.redactions)}`}r(q,"returnHeader");function v(e,n){let t=n.permalinks;if(!t||e.pointers.length===0)return"";let o=[],s=0;for(let[i,a]of e.pointers.entries()){let f=`- ${g(`\`${d(a.raw,300).replace(/`/g,"'")}\``,M(a,t))}`;if(s+f.length>G){o.push(`- … and ${e.pointers.length-i} more in the text above`);break}o.push(f),s+=f.length+1}return`

<details><summary>Files at ${d(t.ref,64)}</summary>

${o.join(`
`)}

</details>`}r(v,"pointerLinks");function J(e){return e.frontmatterText===null?{frontmatter:"",body:e.source}:e.source.endsWith(e.body)?{frontmatter:e.source.slice(0,e.source.length-e.body.length),body:e.body}:{frontmatter:`---
${e.frontmatterText}
---
`,body:e.body}}r(J,"documentParts");function L(e){let n=0;for(let t of e.matchAll(p.backtickRun))n=Math.max(n,t[0].length);return n}r(L,"longestBacktickRun");function Q(e,n){let t=n.text.length;if(e==="frontmatter"){let i="`".repeat(Math.max(3,L(n.text)+1)),a=n.text.endsWith(`
`)?"":`
`;return`<details><summary>Frontmatter</summary>

<!-- handoff:frontmatter n=${t} -->
${i}yaml
${n.text}${a}${i}
${H.frontmatter}

</details>`}let o=n.reopen===null?"":`${n.reopen}
`,s=n.close===null?"":`${n.close}
`;return`<!-- handoff:body n=${t}${n.reopen===null?"":" reopen"} -->
${o}${n.text}
${s}${H.body}`}r(Q,"renderRegion");function V(e,n){return e==="frontmatter"?160+L(n)*2:488}r(V,"regionOverhead");function N(e,n){let{frontmatter:t,body:o}=J(e),s=[{kind:"frontmatter",cut:y(t,!1),text:t},{kind:"body",cut:y(o),text:o}].filter(u=>u.text.length>0||u.kind==="body"),i=r(u=>$({...n.marker,role:"overflow",part:u}),"overflowMarker"),a=$(n.marker).length+n.first.length+n.notice(999).length+n.footer.length,f=i(999).length+n.continued(999,999).length,c=[],h=0;for(;h<s.length;){let u=65536-z-(c.length===0?a:f),l=[];for(;h<s.length;){let m=s[h];if(!m)break;let C=u-V(m.kind,m.text);if(C<D&&l.length>0)break;let x=Q(m.kind,m.cut.take(Math.max(C,D)));if(l.push(x),u-=x.length+2,!m.cut.done())break;h++}c.push(l)}let k=c.length-1,w=c.map((u,l)=>`${l===0?`${$(n.marker)}
${n.first}${k>0?`

${n.notice(k)}`:""}`:`${i(l)}
${n.continued(l,k)}`}

${u.join(`

`)}${l===0?n.footer:""}
`);return{body:w[0]??"",overflow:w.slice(1)}}r(N,"renderParts");function b(e){return g("the source",e.source.url)}r(b,"sourceUrl");function j(e,n){let t={v:1,kind:e.kind,source:n.source,hash:n.hash,...n.parent?{parent:n.parent}:{}},{body:o,overflow:s}=N(e,{marker:t,first:[Z(n),A(e)].filter(a=>a!=="").join(`

`),notice:r(a=>`> [!NOTE]
> This handoff is longer than GitHub allows in one issue; the rest follows in ${a} comment${a===1?"":"s"}. The whole document is at ${b(n)}.`,"notice"),continued:r((a,f)=>`Continued from the issue above (part ${a} of ${f}); the whole document is at ${b(n)}.`,"continued"),footer:v(e,n)});return{title:R(e.title.replace(p.lineBreaks," ").trim(),256)||"Handoff",labels:W(n.labels,e.labels),body:o,overflow:s}}r(j,"renderIssue");function le(e,n){let t={v:1,kind:e.kind,source:n.source,hash:n.hash,role:n.role??"return",...n.parent?{parent:n.parent}:{}};return N(e,{marker:t,first:q(e,n),notice:r(o=>`> [!NOTE]
> This return handoff is longer than GitHub allows in one comment; the rest follows in ${o} comment${o===1?"":"s"}. The whole document is at ${b(n)}.`,"notice"),continued:r((o,s)=>`Return handoff, continued (part ${o} of ${s}); the whole document is at ${b(n)}.`,"continued"),footer:v(e,n)})}r(le,"renderReturnComment");function ee(e,n){return`${e.owner&&e.repo?`${e.owner}/${e.repo}`:n}#${e.number}`}r(ee,"resolveIssueRef");function ne(e,n){return e.slice(0,e.lastIndexOf("#")).toLowerCase()===n.toLowerCase()}r(ne,"sameRepository");async function B(e,n){let{text:t,report:o}=await _(e,{extraPatterns:n.extraPatterns}),s=S(t),i=s.parent?ee(s.parent,n.source.repo):void 0,a=i!==void 0&&!ne(i,n.source.repo),f=i!==void 0&&!a?i:n.parent;return{...a?{foreignParent:i}:{},document:s,redactedText:t,redactions:o,hash:P(t),parent:f,errors:s.diagnostics.filter(c=>c.severity==="error"),warnings:s.diagnostics.filter(c=>c.severity==="warning")}}r(B,"prepareDocument");function te(e,n){return{source:n.source,parent:e.parent,labels:n.labels,redactions:e.redactions,permalinks:n.permalinks,hash:e.hash,author:n.author}}r(te,"renderContext");async function ke(e,n){let t=await B(e,n);return{...t,issue:j(t.document,te(t,n))}}r(ke,"prepareIssue");async function ye(e,n){return B(e,n)}r(ye,"prepareReturn");export{W as a,J as b,le as c,ke as d,ye as e};
