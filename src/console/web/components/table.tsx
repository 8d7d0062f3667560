import { type ReactNode, useId } from 'react';

/**
 * A data table that scrolls sideways on a narrow screen instead of squeezing its columns. The scrolling region
 * is focusable and named by the caption, so keyboard users can scroll it even when no cell holds a control.
 */
export function Table({ caption, head, children }: { caption: string; head: string[]; children: ReactNode }) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard (WCAG 2.1.1).
    <section className="table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            {head.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
