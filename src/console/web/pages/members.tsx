import { Page } from '../components/page.tsx';

export function MembersPage() {
  return (
    <Page title="Members and invitations">
      <p>Coming next.</p>
    </Page>
  );
}
