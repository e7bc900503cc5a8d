// Where a presentation stop may put its element: the map's rectangle minus what the overlay
// covers (the caption box at the bottom, the progress dots and the counter at the top), with a
// margin so a symbol pushed aside by its neighbours stays clear too. Pure, so it is tested.

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Padding (px from each edge of the map) that keeps a framed element off the overlay. */
export interface FreeArea {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Room kept between the element and the caption (and the screen's edges), in px. */
export const FRAME_MARGIN = 40;

/** Overlay boxes in the upper half push the free area's top down; those in the lower half push
 * its bottom up. Boxes that do not overlap the map, or are empty, are ignored. */
export function freeArea(map: Rect, overlays: Rect[], margin = FRAME_MARGIN): FreeArea {
  const middle = (map.top + map.bottom) / 2;
  let top = map.top;
  let bottom = map.bottom;
  for (const o of overlays) {
    if (o.right <= o.left || o.bottom <= o.top || o.bottom <= map.top || o.top >= map.bottom) continue;
    if ((o.top + o.bottom) / 2 < middle) top = Math.max(top, o.bottom);
    else bottom = Math.min(bottom, o.top);
  }
  return { top: top - map.top + margin, bottom: map.bottom - bottom + margin, left: margin, right: margin };
}

/** Leaflet's fitBounds/flyToBounds padding for a free area; never so much that no room is left. */
export function frameOptions(free: FreeArea, size: { x: number; y: number }): { paddingTopLeft: [number, number]; paddingBottomRight: [number, number] } {
  const vertical = free.top + free.bottom;
  const scale = vertical > size.y - 60 ? (size.y - 60) / vertical : 1;
  return { paddingTopLeft: [free.left, Math.floor(free.top * scale)], paddingBottomRight: [free.right, Math.floor(free.bottom * scale)] };
}

/** The closest a stop may zoom: a saved view is shown as saved; an element as small as a site
 * is shown at district-street scale (zoom 12), so stops differ visibly from the overview (8–9);
 * an area is fitted whole, up to the same limit. */
export function stopZoomLimit(isElement: boolean): number {
  return isElement ? 12 : 18;
}
