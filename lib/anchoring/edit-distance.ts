// Levenshtein primitives for fuzzy anchoring: O(pattern × text) dynamic programming, which is plenty for abstracts of a few thousand characters.

export interface ApproximateMatch {
  start: number;
  end: number;
  errors: number;
}

/** Insertions + deletions + substitutions (UTF-16 code units) turning `a` into `b`. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    const unit = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(diagonal + (unit === b.charCodeAt(j - 1) ? 0 : 1), above + 1, row[j - 1]! + 1);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * Every end offset where some substring of `text` is within `maxErrors` edits of `pattern`
 * (Sellers' algorithm: the match may begin anywhere, so row 0 costs nothing). For each end the
 * start of one cheapest alignment is carried along; ties go to the diagonal, which keeps a
 * substituted first character inside the match. Empty matches are never reported.
 */
export function findApproximateMatches(text: string, pattern: string, maxErrors: number): ApproximateMatch[] {
  const m = pattern.length;
  const matches: ApproximateMatch[] = [];
  if (m === 0) return matches;
  const cost = new Int32Array(m + 1);
  const from = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) cost[i] = i;
  for (let j = 1; j <= text.length; j++) {
    const unit = text.charCodeAt(j - 1);
    let diagonalCost = cost[0]!;
    let diagonalFrom = from[0]!;
    cost[0] = 0;
    from[0] = j;
    for (let i = 1; i <= m; i++) {
      const leftCost = cost[i]!;
      const leftFrom = from[i]!;
      let best = diagonalCost + (pattern.charCodeAt(i - 1) === unit ? 0 : 1);
      let bestFrom = diagonalFrom;
      if (cost[i - 1]! + 1 < best) {
        best = cost[i - 1]! + 1;
        bestFrom = from[i - 1]!;
      }
      if (leftCost + 1 < best) {
        best = leftCost + 1;
        bestFrom = leftFrom;
      }
      diagonalCost = leftCost;
      diagonalFrom = leftFrom;
      cost[i] = best;
      from[i] = bestFrom;
    }
    if (cost[m]! <= maxErrors && from[m]! < j) matches.push({ start: from[m]!, end: j, errors: cost[m]! });
  }
  return matches;
}

/**
 * For a match known to end at `end`, every start whose span is within `maxErrors` edits of
 * `pattern`, so the caller can let context decide between equally cheap starts (the forward
 * search only remembers one of them). Runs the DP backwards from `end`.
 */
export function approximateStartsEndingAt(text: string, pattern: string, end: number, maxErrors: number): ApproximateMatch[] {
  const m = pattern.length;
  const starts: ApproximateMatch[] = [];
  if (m === 0 || end < 0 || end > text.length) return starts;
  const reach = Math.min(end, m + maxErrors);
  const cost = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) cost[i] = i;
  for (let c = 1; c <= reach; c++) {
    const unit = text.charCodeAt(end - c);
    let diagonal = cost[0]!;
    cost[0] = c;
    for (let i = 1; i <= m; i++) {
      const left = cost[i]!;
      cost[i] = Math.min(diagonal + (pattern.charCodeAt(m - i) === unit ? 0 : 1), cost[i - 1]! + 1, left + 1);
      diagonal = left;
    }
    if (cost[m]! <= maxErrors) starts.push({ start: end - c, end, errors: cost[m]! });
  }
  return starts;
}
