// What the app knows of the games (docs/SPEC.md §2): names, durations, every bet type with the values
// a player can pick and its multiplier, and how a result is shown (colours, big/small, odd/even).

export const GAMES = [
  { game: "wingo", name: "Win Go", durations: [30, 60, 180, 300] },
  { game: "trx", name: "TRX Win Go", durations: [60, 180, 300, 600] },
  { game: "5d", name: "5D", durations: [60, 180, 300, 600] },
  { game: "k3", name: "K3", durations: [60, 180, 300, 600] },
];

export const gameName = game => GAMES.find(g => g.game === game)?.name ?? game;
export const durationName = seconds => (seconds < 60 ? `${seconds}s` : `${seconds / 60} min`);

/** Digit colours of Wingo and TRX: 0 red+violet, 5 green+violet, odd green, even red. */
export function digitColours(digit) {
  if (digit === 0) { return ["red", "violet"]; }
  if (digit === 5) { return ["green", "violet"]; }
  return [digit % 2 === 1 ? "green" : "red"];
}

export const bigSmall = (value, bigFrom) => (value >= bigFrom ? "Big" : "Small");
export const oddEven = value => (value % 2 === 1 ? "Odd" : "Even");

const K3_SUM_MULTIPLIERS = { 3: 207.36, 4: 69.12, 5: 34.56, 6: 20.74, 7: 13.83, 8: 9.88, 9: 8.3, 10: 7.68 };
const k3SumMultiplier = sum => K3_SUM_MULTIPLIERS[sum <= 10 ? sum : 21 - sum];

/**
 * Sections of the bet board per game. Each option is a bet the API takes: `{ type, value, position? }`
 * with its label and multiplier. Picks (`pick`) are bets whose value is chosen as several dice faces.
 */
export function betBoard(game, position = "A") {
  const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  if (game === "wingo" || game === "trx") {
    return [
      { title: "Colour", options: [
        { type: "color", value: "green", label: "Green", tone: "green", multiplier: "2 (1.5 on 5)" },
        { type: "color", value: "violet", label: "Violet", tone: "violet", multiplier: "4.5" },
        { type: "color", value: "red", label: "Red", tone: "red", multiplier: "2 (1.5 on 0)" },
      ] },
      { title: "Number", options: range(0, 9).map(n => ({ type: "number", value: String(n), label: String(n), tone: digitColours(n).join("-"), multiplier: "9" })) },
      { title: "Size", options: [
        { type: "size", value: "big", label: "Big", tone: "big", multiplier: "2" },
        { type: "size", value: "small", label: "Small", tone: "small", multiplier: "2" },
      ] },
    ];
  }
  if (game === "5d") {
    if (position === "SUM") {
      return [
        { title: "Sum size (big 23–45)", options: ["big", "small"].map(v => ({ type: "sum_size", value: v, label: cap(v), tone: v, multiplier: "2" })) },
        { title: "Sum parity", options: ["odd", "even"].map(v => ({ type: "sum_parity", value: v, label: cap(v), tone: v, multiplier: "2" })) },
      ];
    }
    return [
      { title: `Digit ${position}`, options: range(0, 9).map(n => ({ type: "digit", position, value: String(n), label: String(n), tone: "plain", multiplier: "9" })) },
      { title: `Size of ${position}`, options: ["big", "small"].map(v => ({ type: "size", position, value: v, label: cap(v), tone: v, multiplier: "2" })) },
      { title: `Parity of ${position}`, options: ["odd", "even"].map(v => ({ type: "parity", position, value: v, label: cap(v), tone: v, multiplier: "2" })) },
    ];
  }
  return [
    { title: "Sum", options: range(3, 18).map(s => ({ type: "sum", value: String(s), label: String(s), tone: "plain", multiplier: String(k3SumMultiplier(s)) })) },
    { title: "Size and parity", options: [
      { type: "size", value: "big", label: "Big", tone: "big", multiplier: "1.92" },
      { type: "size", value: "small", label: "Small", tone: "small", multiplier: "1.92" },
      { type: "parity", value: "odd", label: "Odd", tone: "odd", multiplier: "1.92" },
      { type: "parity", value: "even", label: "Even", tone: "even", multiplier: "1.92" },
    ] },
    { title: "Pair (two of a face)", options: range(1, 6).map(f => ({ type: "pair", value: String(f), label: `${f}${f}`, tone: "plain", multiplier: "13.83" })) },
    { title: "Triple", options: [
      ...range(1, 6).map(f => ({ type: "triple", value: String(f), label: `${f}${f}${f}`, tone: "plain", multiplier: "207.36" })),
      { type: "any_triple", value: "", label: "Any triple", tone: "plain", multiplier: "34.56" },
    ] },
    { title: "Combinations", options: [
      { type: "straight", value: "", label: "Straight", tone: "plain", multiplier: "8.64" },
      { type: "pair_single", pick: 2, distinct: true, label: "Pair + single…", hint: "pick the pair's face, then the single", tone: "plain", multiplier: "69.12" },
      { type: "three_different", pick: 3, distinct: true, label: "Three different…", hint: "pick three faces", tone: "plain", multiplier: "34.56" },
      { type: "two_different", pick: 2, distinct: true, label: "Two different…", hint: "pick two faces", tone: "plain", multiplier: "6.91" },
    ] },
  ];
}

const cap = text => text[0].toUpperCase() + text.slice(1);

/** How a bet reads on a slip or in a history: "Red", "Number 7", "A: Big", "Pair + single 3,5". */
export function betLabel(bet) {
  const value = bet.value ?? "";
  const position = bet.position ? `${bet.position}: ` : "";
  switch (bet.type) {
    case "color": return cap(value);
    case "number": return `Number ${value}`;
    case "digit": return `${position}${value}`;
    case "size": case "parity": return `${position}${cap(value)}`;
    case "sum_size": case "sum_parity": return `Sum ${cap(value)}`;
    case "sum": return `Sum ${value}`;
    case "pair": return `Pair ${value}${value}`;
    case "triple": return `Triple ${value}${value}${value}`;
    case "any_triple": return "Any triple";
    case "straight": return "Straight";
    case "pair_single": return `Pair + single ${value}`;
    case "three_different": return `Three different ${value}`;
    case "two_different": return `Two different ${value}`;
    default: return `${bet.type} ${value}`;
  }
}

/** The markers of a result: the values shown, and labels (colour, size, parity, sum) per game. */
export function describeResult(game, values) {
  if (game === "wingo" || game === "trx") {
    const digit = values[0];
    return { values, tones: digitColours(digit), labels: [bigSmall(digit, 5), oddEven(digit)] };
  }
  const sum = values.reduce((a, b) => a + b, 0);
  if (game === "5d") {
    return { values, sum, labels: [`Sum ${sum}`, bigSmall(sum, 23), oddEven(sum)] };
  }
  return { values, sum, labels: [`Sum ${sum}`, bigSmall(sum, 11), oddEven(sum)] };
}

/**
 * The trend of the last results: per symbol (digit 0–9, or die face 1–6 for K3, or one 5D position's
 * digit), how many periods since it last appeared ("missing") and how often it appeared.
 * `results` are newest first.
 */
export function trend(game, results, position = 0) {
  const symbols = game === "k3" ? [1, 2, 3, 4, 5, 6] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const shows = (result, symbol) => (game === "k3" ? result.result.includes(symbol) : result.result[game === "5d" ? position : 0] === symbol);
  return symbols.map(symbol => {
    const missing = results.findIndex(result => shows(result, symbol));
    return {
      symbol,
      missing: missing < 0 ? results.length : missing,
      count: results.filter(result => shows(result, symbol)).length,
    };
  });
}

/** ₹ with two decimals and Indian digit grouping. */
export const rupees = amount => (amount === null || amount === undefined ? "—"
  : `₹${Number(amount).toLocaleString("en-IN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

export const BASE_AMOUNTS = [1, 10, 100, 1000];
export const MULTIPLIERS = [1, 5, 10, 20, 50, 100];
