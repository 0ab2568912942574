import{a as r}from"./chunk-3TKICF7E.js";var e=class extends Error{static{r(this,"RedactionError")}name="RedactionError";constructor(n,o){super(n,o)}};export{e as a};
