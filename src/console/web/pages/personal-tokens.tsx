import { Page } from '../components/page.tsx';

export function PersonalTokensPage() {
  return (
    <Page title="Personal access tokens">
      <p>Coming next.</p>
    </Page>
  );
}
