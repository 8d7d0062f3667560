import type { ReactNode } from 'react';
import { LoadMore, type usePagedList } from './paged.tsx';
import { QueryView } from './states.tsx';
import { Table } from './table.tsx';

/**
 * A cursor-paged list shown as a table: its loading, error and empty states, a row for each item so far and
 * "Load more" while there is more.
 */
export function PagedTable<T>({
  list,
  loadingLabel,
  empty,
  caption,
  head,
  children,
}: {
  list: ReturnType<typeof usePagedList<T>>;
  loadingLabel?: string;
  empty: ReactNode;
  caption: string;
  head: string[];
  children: (item: T) => ReactNode;
}) {
  return (
    <QueryView
      query={{ ...list, data: list.data ? list.items : undefined }}
      {...(loadingLabel ? { loadingLabel } : {})}
      isEmpty={(items) => items.length === 0}
      empty={empty}
    >
      {(items) => (
        <>
          <Table caption={caption} head={head}>
            {items.map(children)}
          </Table>
          <LoadMore {...list} />
        </>
      )}
    </QueryView>
  );
}
