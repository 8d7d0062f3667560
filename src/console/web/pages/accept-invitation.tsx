import { Page } from '../components/page.tsx';

export function AcceptInvitationPage() {
  return (
    <Page title="Accept the invitation">
      <p>Coming next.</p>
    </Page>
  );
}
