import{a,b,c,d,e}from"./chunk-ZOYNKH2L.js";import"./chunk-3TKICF7E.js";export{e as LineCounter,a as isMap,b as isScalar,c as parse,d as parseDocument};
