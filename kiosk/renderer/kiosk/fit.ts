/**
 * Fits a kiosk screen to whatever display it runs on (issue #14 item 4): the layout is drawn for
 * 1920x1080 landscape and 1080x1920 portrait; on a smaller screen (1366x768) it shrinks and on
 * a 4K one it grows, so every step is whole on screen with no scrolling. Uses CSS `zoom`, which
 * also scales hit areas, unlike a transform.
 */
import { useLayoutEffect, type RefObject } from 'react';

/** How much the design size must grow or shrink for this window. */
export function designScale(width: number, height: number): number {
  return width >= height ? Math.min(width / 1920, height / 1080) : Math.min(width / 1080, height / 1920);
}

/** Zoom so that content of this natural size fits the space, never above the design scale. */
export function fitZoom(natural: { width: number; height: number }, space: { width: number; height: number }, scale: number): number {
  if (natural.width <= 0 || natural.height <= 0) return scale;
  return Math.min(scale, space.width / natural.width, space.height / natural.height);
}

/**
 * Keeps `header` at the design scale and `content` (inside `frame`) zoomed to fit the frame,
 * re-measured after every render and when the window changes.
 */
export function useFitToScreen(header: RefObject<HTMLElement | null>, frame: RefObject<HTMLElement | null>, content: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const fit = (): void => {
      const scale = designScale(window.innerWidth, window.innerHeight);
      if (header.current) header.current.style.zoom = String(scale);
      const box = frame.current;
      const inner = content.current;
      if (!box || !inner) return;
      inner.style.zoom = '1';
      const style = getComputedStyle(box);
      const space = {
        width: box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight),
        height: box.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom),
      };
      const zoom = fitZoom({ width: inner.scrollWidth, height: inner.scrollHeight }, space, scale);
      inner.style.zoom = String(Math.floor(zoom * 1000) / 1000);
    };
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  });
}
