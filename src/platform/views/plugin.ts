import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../access/authorize.js';
import type { PolicyName } from '../access/policies.js';
import { roleLabels } from '../access/roles.js';
import { IDLE_LIMIT_SECONDS, setFlash } from '../auth/sessions.js';
import { createViewEnvironment } from './nunjucks.js';

interface NavItem {
  href: string;
  text: string;
  policy: PolicyName;
}

/** The service navigation: each item shows only to people whose role may use it. */
const navigationItems: NavItem[] = [
  { href: '/caseload', text: 'My caseload', policy: 'casework.read' },
  { href: '/people', text: 'People', policy: 'people.read' },
  { href: '/follow-ups', text: 'Follow-ups', policy: 'conversations.read' },
  { href: '/crisis', text: 'Crisis board', policy: 'crisis.read' },
  { href: '/assessments', text: 'Assessments', policy: 'assessments.read' },
  // Commissioners judge the model by these figures but do not work cases, so they have no board.
  { href: '/crisis/figures', text: 'Crisis figures', policy: 'crisis.figures' },
  { href: '/allocation/fairness', text: 'Fairness report', policy: 'allocation.fairness' },
  { href: '/payments/runs', text: 'Payment runs', policy: 'payments.prepare' },
  { href: '/early-identification', text: 'At-risk register', policy: 'register.read' },
  { href: '/directory/manage', text: 'Directory', policy: 'directory.curate' },
  { href: '/pools', text: 'Pools', policy: 'pools.read' },
  // Providers' way in to the funds lodged with them (the council's staff see every one).
  { href: '/isf', text: 'Service funds', policy: 'isf.read' },
  { href: '/audit/people', text: 'Who has looked', policy: 'audit.findPerson' },
  { href: '/audit/break-glass', text: 'Break-glass reviews', policy: 'audit.review' },
  { href: '/admin/users', text: 'Staff accounts', policy: 'admin.users' },
  { href: '/admin/api-tokens', text: 'API tokens', policy: 'admin.tokens' },
  { href: '/admin/patches', text: 'Patches', policy: 'admin.patches' },
  { href: '/budgets/settings', text: 'Budget settings', policy: 'budgets.settings' },
];

/** The items the user may use; the one whose address is the longest start of this page's is current. */
function navigationFor(user: Parameters<typeof authorize>[0], url: string) {
  const path = url.split('?')[0] ?? url;
  const items = navigationItems.filter((item) => authorize(user, item.policy) === 'allow');
  const current = items
    .filter((item) => path === item.href || path.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((item) => ({ href: item.href, text: item.text, active: item === current }));
}

export function registerViews(app: FastifyInstance, opts: { watch?: boolean } = {}): void {
  const env = createViewEnvironment({ ...opts, councilName: app.deps.config.councilName });

  function render(request: FastifyRequest, template: string, context: Record<string, unknown>): string {
    const session = request.session;
    const user = request.actor?.kind === 'user' ? request.actor : null;
    const navigation = user ? navigationFor(user, request.url) : null;
    const flash = session?.flash ?? null;
    if (flash && session) {
      // Shown once: clear it now, without holding up the page.
      void setFlash(app.deps.database.db, session.idHash, null).catch(() => undefined);
    }
    return env.render(template, {
      currentUser: user ? { displayName: user.displayName, roleLabel: roleLabels[user.role], role: user.role } : null,
      csrfToken: session?.csrfToken ?? '',
      idleSeconds: IDLE_LIMIT_SECONDS,
      navigation,
      flash,
      ...context,
    });
  }

  app.decorateReply('view', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    return this.type('text/html; charset=utf-8').send(render(this.request as FastifyRequest, template, context));
  });
  app.decorateReply(
    'renderView',
    function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
      return render(this.request as FastifyRequest, template, context);
    },
  );
  // For answers Fastify makes before any route is found (frameworkErrors), whose reply is not decorated.
  app.decorate('renderPage', render);
}
