import{a as u}from"./chunk-ADAJMAKG.js";import{a as r}from"./chunk-3TKICF7E.js";function $(n,t){return n<t?-1:n>t?1:0}r($,"byCodeUnits");function N(n){if(n.total===0)return"Redacted: nothing.";let t=Object.entries(n.kinds).sort(([e],[s])=>$(e,s)).map(([e,s])=>`${e} ×${s}`).join(", ");return`Redacted ${n.total}: ${t}.`}r(N,"redactionLine");function R(n,t){return`\`${`${t?`${t}:`:""}${n.line}:${n.column}`}\` ${n.message}${n.hint?` — ${n.hint}`:""}`}r(R,"diagnosticLine");var f=/<!--\s*handoff:v\d+[\s\S]*?-->/g;function m(n){return n.replace(f,"")}r(m,"stripMarkers");function w(n,t){let e=`${u(n)}
`,s=65536-e.length,o=`

… (cut to GitHub's size limit)`;return e+(t.length<=s?t:t.slice(0,s-o.length)+o)}r(w,"withMarker");function k(n,t){return`<details><summary>${n.replace(/[<>]/g,"")}</summary>

${m(t)}

</details>`}r(k,"details");function a(n,t=300){let e=n.replace(/\s+/g," ").trim().replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;");return e.length<=t?e:`${e.slice(0,t-1)}…`}r(a,"noticeText");function g(n){return`\`${n.replace(/`/g,"'")}\``}r(g,"codePath");var c=5,l="Fix the file and push again; this issue will update. `npx handoff lint` shows the same errors locally.";function y(n,t){let e=r(i=>/[.!?…]$/.test(i)?i:`${i}.`,"sentence"),s=t.slice(0,c).map(i=>`> - ${g(`${n}:${i.line}:${i.column}`)} — ${e(a(i.message))}${i.hint?` ${a(i.hint)}`:""}`),o=t.length>c?[`> - … and ${t.length-c} more.`]:[];return["> [!WARNING]","> This file has errors, so its frontmatter was not used; the issue shows the document as it is.",...s,...o,">",`> ${l}`].join(`
`)}r(y,"fileErrorNotice");function A(n,t){return["> [!WARNING]",`> ${g(n)} was not filed: ${a(t,500)}. Nothing of it is shown here.`,">",`> ${l}`].join(`
`)}r(A,"unfiledNotice");function j(n){return["> [!WARNING]",`> ${g(n)} has errors, so its frontmatter was not used. ${l}`].join(`
`)}r(j,"shortFileErrorNotice");export{N as a,R as b,w as c,k as d,y as e,A as f,j as g};
