import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/openapi';
import { StatusBadge } from '../components/badge.tsx';
import { ConfirmDialog, Dialog, DialogActions } from '../components/dialog.tsx';
import { formatDate } from '../components/format.ts';
import { Page } from '../components/page.tsx';
import { LoadMore, usePagedList } from '../components/paged.tsx';
import { SecretReveal } from '../components/secret-reveal.tsx';
import { Empty, ErrorState, InlineError, Loading } from '../components/states.tsx';
import { Table } from '../components/table.tsx';
import { useSession } from '../session.tsx';
import { can, useWorkspace } from '../workspace.tsx';

type Member =
  paths['/api/v1/tenants/{tenantId}/members']['get']['responses']['200']['content']['application/json']['items'][number];
type Invitation =
  paths['/api/v1/tenants/{tenantId}/invitations']['get']['responses']['200']['content']['application/json']['items'][number];
type Role = Member['role'];

/** Highest first, as the server ranks them. */
export const ROLES: readonly Role[] = ['owner', 'manager', 'developer', 'viewer'];

const ROLE_HINTS: Record<Role, string> = {
  owner: 'everything, members and roles included',
  manager: 'apps, keys, clients, management keys and members',
  developer: 'reads everything; test-mode keys',
  viewer: 'reads everything, changes nothing',
};

/** The roles a member may hand out: their own and those below it. */
export function grantableRoles(own: string): Role[] {
  const index = ROLES.indexOf(own as Role);
  return index < 0 ? [] : ROLES.slice(index);
}

export function useMembers(tenantId: string) {
  return usePagedList<Member>(['members', tenantId], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/members', {
        params: { path: { tenantId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
}

export function MembersPage() {
  const workspace = useWorkspace();
  if (!can(workspace, 'manage:members')) {
    return (
      <Page title="Members and invitations">
        <div className="state empty" role="note">
          <p className="state-title">Only owners and managers manage members</p>
          <p>
            You are a {workspace.membership.role} in this workspace. Ask an owner or a manager to invite
            people, change a role or remove someone.
          </p>
        </div>
      </Page>
    );
  }
  return (
    <Page
      title="Members and invitations"
      description="Who can open this workspace's console, and with which role. You can hand out your own role or one below it."
    >
      <MembersSection />
      <InvitationsSection />
    </Page>
  );
}

function MembersSection() {
  const { tenantId, membership } = useWorkspace();
  const session = useSession();
  const queryClient = useQueryClient();
  const members = useMembers(tenantId);
  const grantable = grantableRoles(membership.role);
  const [roleError, setRoleError] = useState<{ userId: string; error: unknown } | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const changeRole = useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.PATCH('/api/v1/tenants/{tenantId}/members/{userId}', {
          params: { path: { tenantId, userId } },
          body: { role },
        }),
      ),
    onMutate: () => setRoleError(null),
    onError: (error, { userId }) => setRoleError({ userId, error }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['members', tenantId] }),
  });
  const remove = useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.DELETE('/api/v1/tenants/{tenantId}/members/{userId}', { params: { path: { tenantId, userId } } }),
      ),
    onSuccess: () => {
      setRemoving(null);
      return queryClient.invalidateQueries({ queryKey: ['members', tenantId] });
    },
  });
  const myId = session.data?.user.id;
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">Members</h2>
      {members.isPending ? (
        <Loading label="Loading the members" />
      ) : members.isError ? (
        <ErrorState error={members.error} retry={() => members.refetch()} />
      ) : members.items.length === 0 ? (
        <Empty title="No members yet" />
      ) : (
        <>
          <Table caption="Members" head={['Name', 'Email', 'Role', 'Status', 'Since', 'Actions']}>
            {members.items.map((member) => {
              const changeable = grantable.includes(member.role);
              const label = `Role of ${member.name || member.email}`;
              return (
                <tr key={member.userId}>
                  <td>
                    {member.name}
                    {member.userId === myId ? <span className="muted"> (you)</span> : null}
                  </td>
                  <td>{member.email}</td>
                  <td>
                    {changeable ? (
                      <select
                        aria-label={label}
                        value={member.role}
                        disabled={changeRole.isPending}
                        onChange={(event) =>
                          changeRole.mutate({ userId: member.userId, role: event.target.value as Role })
                        }
                      >
                        {grantable.map((role) => (
                          <option key={role} value={role}>
                            {role}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span title="Above your own role: you cannot change it">{member.role}</span>
                    )}
                    {roleError?.userId === member.userId ? <InlineError error={roleError.error} /> : null}
                  </td>
                  <td>
                    <StatusBadge status={member.userStatus} />
                  </td>
                  <td>{formatDate(member.createdAt)}</td>
                  <td className="actions">
                    {changeable ? (
                      <button
                        type="button"
                        onClick={() => {
                          remove.reset();
                          setRemoving(member);
                        }}
                      >
                        Remove<span className="visually-hidden"> {member.name || member.email}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </Table>
          <LoadMore {...members} />
        </>
      )}
      <ConfirmDialog
        open={removing !== null}
        title="Remove this member?"
        message={
          <p>
            {removing?.name} ({removing?.email}) loses this workspace at once: their console sessions and
            personal tokens stop reaching it from the next request.
          </p>
        }
        confirmLabel="Remove member"
        pending={remove.isPending}
        error={<InlineError error={remove.error} />}
        onConfirm={() => removing && remove.mutate(removing.userId)}
        onClose={() => setRemoving(null)}
      />
    </section>
  );
}

function InvitationsSection() {
  const { tenantId, membership } = useWorkspace();
  const queryClient = useQueryClient();
  const grantable = grantableRoles(membership.role);
  const invitations = usePagedList<Invitation>(['invitations', tenantId], (cursor) =>
    unwrap(
      api.GET('/api/v1/tenants/{tenantId}/invitations', {
        params: { path: { tenantId }, query: { limit: 50, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  );
  const [inviting, setInviting] = useState(false);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(grantable.includes('developer') ? 'developer' : 'viewer');
  const [link, setLink] = useState<{ url: string; email: string; role: Role; expiresAt: string } | null>(
    null,
  );
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const emailId = useId();
  const roleId = useId();
  const invite = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/tenants/{tenantId}/invitations', {
          params: { path: { tenantId } },
          body: { email, role },
        }),
      ),
    onSuccess: (created) => {
      setInviting(false);
      setEmail('');
      setLink({ url: created.url, email: created.email, role: created.role, expiresAt: created.expiresAt });
      return queryClient.invalidateQueries({ queryKey: ['invitations', tenantId] });
    },
  });
  const revoke = useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        api.DELETE('/api/v1/tenants/{tenantId}/invitations/{invitationId}', {
          params: { path: { tenantId, invitationId } },
        }),
      ),
    onSuccess: () => {
      setRevoking(null);
      return queryClient.invalidateQueries({ queryKey: ['invitations', tenantId] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate();
  };
  return (
    <section aria-labelledby="invitations-heading">
      <div className="section-head">
        <h2 id="invitations-heading">Invitations</h2>
        <button
          type="button"
          className="primary"
          onClick={() => {
            invite.reset();
            setInviting(true);
          }}
        >
          Invite someone
        </button>
      </div>
      <p className="muted">
        Nothing here sends email: you get a link to hand on yourself. It works once, for 7 days.
      </p>
      {invitations.isPending ? (
        <Loading label="Loading the invitations" />
      ) : invitations.isError ? (
        <ErrorState error={invitations.error} retry={() => invitations.refetch()} />
      ) : invitations.items.length === 0 ? (
        <Empty title="No invitations">
          <p>Invite someone by email to give them a role in this workspace.</p>
        </Empty>
      ) : (
        <>
          <Table caption="Invitations" head={['Email', 'Role', 'Status', 'Sent', 'Expires', 'Actions']}>
            {invitations.items.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.role}</td>
                <td>
                  <StatusBadge status={invitation.status} />
                </td>
                <td>{formatDate(invitation.createdAt)}</td>
                <td>{invitation.status === 'pending' ? formatDate(invitation.expiresAt) : '—'}</td>
                <td className="actions">
                  {invitation.status === 'pending' ? (
                    <button
                      type="button"
                      onClick={() => {
                        revoke.reset();
                        setRevoking(invitation);
                      }}
                    >
                      Revoke<span className="visually-hidden"> the invitation of {invitation.email}</span>
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </Table>
          <LoadMore {...invitations} />
        </>
      )}

      <Dialog
        open={inviting}
        title="Invite someone"
        onClose={() => setInviting(false)}
        footer={
          <DialogActions
            onCancel={() => setInviting(false)}
            form="invite-form"
            label="Create the invitation link"
            pendingLabel="Inviting…"
            pending={invite.isPending}
          />
        }
      >
        <form id="invite-form" onSubmit={submit}>
          <label htmlFor={emailId}>Email</label>
          <input
            id={emailId}
            type="email"
            required
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <label htmlFor={roleId}>Role</label>
          <select id={roleId} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {grantable.map((name) => (
              <option key={name} value={name}>
                {name}: {ROLE_HINTS[name]}
              </option>
            ))}
          </select>
          <p className="field-hint">You can hand out your own role ({membership.role}) or one below it.</p>
          <InlineError error={invite.error} />
        </form>
      </Dialog>

      <SecretReveal
        open={link !== null}
        title="Invitation link"
        note={`This link is shown once. Send it to ${link?.email ?? 'the person you invited'} yourself: whoever opens it first can join as ${link?.role ?? ''} until ${formatDate(link?.expiresAt)}.`}
        secrets={link ? [{ label: 'Link', value: link.url }] : []}
        onClose={() => setLink(null)}
      />

      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this invitation?"
        message={<p>The link sent to {revoking?.email} stops working at once.</p>}
        confirmLabel="Revoke invitation"
        pending={revoke.isPending}
        error={<InlineError error={revoke.error} />}
        onConfirm={() => revoking && revoke.mutate(revoking.id)}
        onClose={() => setRevoking(null)}
      />
    </section>
  );
}
