// Dates and times as a person reads them, in their locale. Inputs are the backend's
// RFC 3339 strings; null means "never" or "unknown" and is shown as such by callers.

// Each formatter is made on first use: making one loads its part of the engine's ICU
// data, and the first screen needs only some of them.
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * A number formatter in the person's locale. WebKit refuses some locales the system
 * names (`LANG=C` reads as the language tag "C": a RangeError), so those fall back to
 * English rather than break the screen.
 */
export function numberFormat(options: Intl.NumberFormatOptions): () => Intl.NumberFormat {
  return lazy(() => {
    try {
      return new Intl.NumberFormat(undefined, options);
    } catch {
      return new Intl.NumberFormat("en-US", options);
    }
  });
}

const dateFmt = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium" }));
const utcDayFmt = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" }));
const dateTimeFmt = lazy(() => new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }));
const timeFmt = lazy(() => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }));
const relativeFmt = lazy(() => new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }));
const nameCollator = lazy(() => new Intl.Collator(undefined, { numeric: true, sensitivity: "base" }));

/** Orders names as a person expects: case-blind, "Key 2" before "Key 10". */
export function compareNames(a: string, b: string): number {
  return nameCollator().compare(a, b);
}

/**
 * Remembers a formatter's recent answers. A scrolled table shows most of the same rows
 * again each frame, one slot higher (its row elements are reused), and Intl's formatting
 * is a large part of a row's update. Bounded: forgotten whole at `limit` answers.
 */
function remembered(format: (key: string) => string, limit = 2000): (key: string) => string {
  const answers = new Map<string, string>();
  return (key) => {
    let text = answers.get(key);
    if (text === undefined) {
      if (answers.size >= limit) answers.clear();
      text = format(key);
      answers.set(key, text);
    }
    return text;
  };
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An RFC 3339 string as its date, or "" when it is not one. */
const dateOf = remembered((iso) => {
  const date = parse(iso);
  return date ? dateFmt().format(date) : "";
});

export function formatDate(iso: string | null | undefined, empty = "—"): string {
  return (iso ? dateOf(iso) : "") || empty;
}

/**
 * A UTC day (a usage period, a billing cycle's end at midnight UTC) as its date: in the
 * local zone, midnight UTC is the evening before anywhere west of Greenwich.
 */
export function formatUtcDay(iso: string | null | undefined, empty = "—"): string {
  const date = parse(iso);
  return date ? utcDayFmt().format(date) : empty;
}

export function formatDateTime(iso: string | null | undefined, empty = "—"): string {
  const date = parse(iso);
  return date ? dateTimeFmt().format(date) : empty;
}

/** HH:MM in the person's locale. */
export function formatTime(iso: string | null | undefined, empty = "—"): string {
  const date = parse(iso);
  return date ? timeFmt().format(date) : empty;
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** "`now` `iso`" as `iso` relative to `now`, or "" when `iso` is not a date. */
const relativeTo = remembered((key) => {
  const space = key.indexOf(" ");
  return relative(key.slice(space + 1), Number(key.slice(0, space)));
});

function relative(iso: string, now: number): string {
  const date = parse(iso);
  if (!date) return "";
  let value = (date.getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relativeFmt().format(Math.round(value), unit);
    value /= size;
  }
  return dateFmt().format(date);
}

/**
 * `iso` relative to `now`: "3 minutes ago", "in 5 days". Answers are remembered only
 * against a caller's own clock (a table's minute tick, shared by its rows): against the
 * current millisecond no key would come twice.
 */
export function formatRelative(iso: string | null | undefined, now?: number, empty = "never"): string {
  if (!iso) return empty;
  return (now === undefined ? relative(iso, Date.now()) : relativeTo(`${now} ${iso}`)) || empty;
}

/** Whole seconds as "45 s", "4:05" or "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
