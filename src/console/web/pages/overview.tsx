import { Page } from '../components/page.tsx';

export function OverviewPage() {
  return (
    <Page title="Developers">
      <p>Coming next.</p>
    </Page>
  );
}
