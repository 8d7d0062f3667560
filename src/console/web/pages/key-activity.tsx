import { Page } from '../components/page.tsx';

export function KeyActivityPage() {
  return (
    <Page title="Key activity">
      <p>Coming next.</p>
    </Page>
  );
}
