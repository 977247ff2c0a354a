// Where a popover goes beside the thing it belongs to (pure, unit-tested): wholly inside the
// window, whatever scrolling box the anchor sits in. It prefers the anchor's right, its top a
// little above the anchor's; where the window has no room for that it flips to the left or
// upwards, and as a last resort it is pushed in from the edge.

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Placement {
  left: number;
  top: number;
  /** Which side of the anchor it went to, and whether it hangs down from the anchor's top or up from its bottom. */
  side: 'right' | 'left';
  hang: 'down' | 'up';
}

/**
 * The top-left corner (in viewport pixels, for `position: fixed`) of a popover of `size`
 * beside `anchor`, in a window of `viewport`, at least `margin` from every edge, `gap` from
 * the anchor and overlapping it by `lift` upwards when it hangs down.
 */
export function placeBeside(anchor: Box, size: Size, viewport: Size, { margin = 8, gap = 8, lift = 12 } = {}): Placement {
  const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(value, Math.max(min, max)));

  let side: Placement['side'] = 'right';
  let left = anchor.right + gap;
  if (left + size.width > viewport.width - margin) {
    const leftward = anchor.left - gap - size.width;
    if (leftward >= margin) {
      side = 'left';
      left = leftward;
    }
  }
  left = clamp(left, margin, viewport.width - margin - size.width);

  let hang: Placement['hang'] = 'down';
  let top = anchor.top - lift;
  if (top + size.height > viewport.height - margin) {
    const upward = anchor.bottom + lift - size.height;
    if (upward >= margin) {
      hang = 'up';
      top = upward;
    }
  }
  top = clamp(top, margin, viewport.height - margin - size.height);
  return { left, top, side, hang };
}
