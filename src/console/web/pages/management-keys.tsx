import { Page } from '../components/page.tsx';

export function ManagementKeysPage() {
  return (
    <Page title="Management keys">
      <p>Coming next.</p>
    </Page>
  );
}
