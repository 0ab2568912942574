import{a as n}from"./chunk-3TKICF7E.js";function r(e,t){return e.state===t.state?t.number-e.number:e.state==="open"?-1:1}n(r,"openFirstThenNewest");export{r as a};
