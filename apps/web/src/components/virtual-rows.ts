import { useVirtualizer, useWindowVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type CSSProperties, type Key, type RefObject } from 'react';

/** What a row element spreads on itself: its measuring ref, its index and its place in the list. */
export interface VirtualRowProps {
  ref: (element: Element | null) => void;
  'data-index': number;
  style: CSSProperties;
}

export interface VirtualRow {
  index: number;
  key: Key;
  props: VirtualRowProps;
}

/** The rows in view (plus a few either side) and the height the whole list takes. */
export interface VirtualRows {
  rows: VirtualRow[];
  totalSize: number;
}

const OVERSCAN = 10;

function rowsOf(virtualizer: Virtualizer<Window, Element> | Virtualizer<HTMLDivElement, Element>): VirtualRows {
  const margin = virtualizer.options.scrollMargin;
  return {
    totalSize: virtualizer.getTotalSize(),
    rows: virtualizer.getVirtualItems().map((item) => ({
      index: item.index,
      key: item.key,
      props: {
        ref: virtualizer.measureElement,
        'data-index': item.index,
        // Rows are measured, so one that wraps takes the height it needs.
        style: {
          position: 'absolute',
          top: 0,
          left: 0,
          width: '100%',
          transform: `translateY(${item.start - margin}px)`,
        },
      },
    })),
  };
}

/** Where an element starts in the page, kept up to date as content above it grows or shrinks. */
function usePageOffset(ref: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOffset(element.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return offset;
}

/**
 * A list virtualised against the page's own scroll (no scroll box of its own, so a header above it can stick to the
 * page's top): only the rows in view are in the DOM. `containerRef` goes on the element that holds the rows, whose
 * height is `totalSize` and which is `position: relative`.
 */
export function usePageVirtualRows(count: number, estimateSize: number) {
  const containerRef = useRef<HTMLDivElement>(null);
  const scrollMargin = usePageOffset(containerRef);
  // The React Compiler is not used here, so the virtualizer's unmemoisable functions are fine.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => estimateSize,
    overscan: OVERSCAN,
    scrollMargin,
  });
  return { containerRef, ...rowsOf(virtualizer) };
}

/**
 * A list virtualised inside a scroll box of its own: `scrollerRef` goes on the box (give it a max height and
 * `overflow-y: auto`), the rows in an element of height `totalSize` that is `position: relative`.
 */
export function useBoxVirtualRows(count: number, estimateSize: number) {
  const scrollerRef = useRef<HTMLDivElement>(null);
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => estimateSize,
    overscan: OVERSCAN,
  });
  return { scrollerRef, ...rowsOf(virtualizer) };
}
