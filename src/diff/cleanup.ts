/** Clean-up of a raw word diff before it is shown: function-word runs between edits fold in. */

/** One diff operation over `count` words. */
export type Op = { added: boolean; removed: boolean; count: number };

/**
 * Folds short runs of function words between two edits into the edits ("said [-in-] the"
 * between two rewrites reads as one rewrite), as diff-match-patch's semantic clean-up does.
 */
export function cleanupOps(
  raw: ReadonlyArray<{ added?: boolean; removed?: boolean; count?: number; value: string[] }>,
  foldable: (words: readonly string[]) => boolean,
): Op[] {
  const ops: Op[] = raw.map((o) => ({ added: o.added === true, removed: o.removed === true, count: o.count ?? o.value.length }));
  const isEdit = (o: Op | undefined): boolean => o !== undefined && (o.added || o.removed);
  const out: Op[] = [];
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if (!o.added && !o.removed && o.count <= 2 && isEdit(out[out.length - 1]) && isEdit(ops[i + 1]) && foldable(raw[i]!.value)) {
      // Turn the equal run into a removal plus an addition of the same words.
      out.push({ added: false, removed: true, count: o.count }, { added: true, removed: false, count: o.count });
      continue;
    }
    out.push(o);
  }
  // Regroup: within each stretch between equal runs, all removals first, then all additions.
  const grouped: Op[] = [];
  let rem = 0;
  let add = 0;
  const flush = (): void => {
    if (rem > 0) grouped.push({ added: false, removed: true, count: rem });
    if (add > 0) grouped.push({ added: true, removed: false, count: add });
    rem = 0;
    add = 0;
  };
  for (const o of out) {
    if (o.removed) rem += o.count;
    else if (o.added) add += o.count;
    else {
      flush();
      grouped.push(o);
    }
  }
  flush();
  return grouped;
}

