/** The shape of a message object with every string widened, so another language can fill it in. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
