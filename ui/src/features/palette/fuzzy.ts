// A small fuzzy matcher: every query character must appear in order; contiguous runs,
// word starts and early matches score higher. Returns null for no match.
export function fuzzyScore(query: string, text: string): number | null {
  const q = query.trim().toLowerCase();
  if (q === "") return 0;
  const t = text.toLowerCase();
  const direct = t.indexOf(q);
  if (direct >= 0) return 1000 - direct + (direct === 0 || /\W/.test(t[direct - 1] ?? " ") ? 200 : 0) - t.length * 0.001;
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const ch of q) {
    if (ch === " ") continue;
    const at = t.indexOf(ch, from);
    if (at < 0) return null;
    score += at === previous + 1 ? 10 : 1;
    if (at === 0 || /[\s\-_:./]/.test(t[at - 1] ?? "")) score += 8;
    previous = at;
    from = at + 1;
  }
  return score - from * 0.01;
}

export function fuzzyFilter<T>(items: readonly T[], query: string, text: (item: T) => string, limit = 60): T[] {
  if (query.trim() === "") return items.slice(0, limit);
  const scored: { item: T; score: number }[] = [];
  for (const item of items) {
    const score = fuzzyScore(query, text(item));
    if (score !== null) scored.push({ item, score });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, limit).map((s) => s.item);
}
