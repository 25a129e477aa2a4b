/** A column of a VirtualTable: `width` is a CSS grid track (default: share the rest). */
export type Column = { id: string; label: string; width?: string };
