export * from "./source-type";
export * from "./xmp";
export * from "./actions";
