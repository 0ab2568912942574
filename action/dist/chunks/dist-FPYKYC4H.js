import{a}from"./chunk-PM27FDLI.js";import"./chunk-3TKICF7E.js";export default a();
