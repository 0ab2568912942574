import{a as u}from"./chunk-VTLHOAI4.js";import{a as r}from"./chunk-3TKICF7E.js";function d(n){if(n.total===0)return"Redacted: nothing.";let t=Object.entries(n.kinds).sort(([e],[s])=>e.localeCompare(s)).map(([e,s])=>`${e} ×${s}`).join(", ");return`Redacted ${n.total}: ${t}.`}r(d,"redactionLine");function N(n,t){return`\`${`${t?`${t}:`:""}${n.line}:${n.column}`}\` ${n.message}${n.hint?` — ${n.hint}`:""}`}r(N,"diagnosticLine");var $=/<!--\s*handoff:v\d+[\s\S]*?-->/g;function f(n){return n.replace($,"")}r(f,"stripMarkers");function R(n,t){let e=`${u(n)}
`,s=65536-e.length,o=`

… (cut to GitHub's size limit)`;return e+(t.length<=s?t:t.slice(0,s-o.length)+o)}r(R,"withMarker");function w(n,t){return`<details><summary>${n.replace(/[<>]/g,"")}</summary>

${f(t)}

</details>`}r(w,"details");function c(n,t=300){let e=n.replace(/\s+/g," ").trim().replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;");return e.length<=t?e:`${e.slice(0,t-1)}…`}r(c,"noticeText");function g(n){return`\`${n.replace(/`/g,"'")}\``}r(g,"codePath");var a=5,l="Fix the file and push again; this issue will update. `npx handoff lint` shows the same errors locally.";function k(n,t){let e=r(i=>/[.!?…]$/.test(i)?i:`${i}.`,"sentence"),s=t.slice(0,a).map(i=>`> - ${g(`${n}:${i.line}:${i.column}`)} — ${e(c(i.message))}${i.hint?` ${c(i.hint)}`:""}`),o=t.length>a?[`> - … and ${t.length-a} more.`]:[];return["> [!WARNING]","> This file has errors, so its frontmatter was not used; the issue shows the document as it is.",...s,...o,">",`> ${l}`].join(`
`)}r(k,"fileErrorNotice");function A(n,t){return["> [!WARNING]",`> ${g(n)} was not filed: ${c(t,500)}. Nothing of it is shown here.`,">",`> ${l}`].join(`
`)}r(A,"unfiledNotice");function j(n){return["> [!WARNING]",`> ${g(n)} has errors, so its frontmatter was not used. ${l}`].join(`
`)}r(j,"shortFileErrorNotice");export{d as a,N as b,R as c,w as d,k as e,A as f,j as g};
