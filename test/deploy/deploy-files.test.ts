/**
 * The deployment files say what the gateway does: the compose file runs two replicas behind the
 * load balancer with Redis, the Kubernetes example probes the gateway's real paths and port, every
 * variable they set is documented, images are pinned, and one Node major runs everywhere.
 * With Docker Compose installed, `docker compose config` validates the file too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { HEALTH_PATH, READY_PATH } from '../../src/server.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  ports?: string[];
}

const compose = parse(read('docker-compose.yml'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const readme = read('README.md');
const documented = new Set(readme.match(/`[A-Z][A-Z0-9_]{2,}`/g)?.map((name) => name.slice(1, -1)));
/** Variables the gateway reads (documented in the README), or the container's own. */
const known = (name: string) => documented.has(name) || ['NODE_ENV'].includes(name);

describe('docker-compose.yml', () => {
  const { services } = compose;
  const gateways = ['gateway-1', 'gateway-2'];

  it('runs two gateway replicas sharing Redis, started once Redis is healthy', () => {
    for (const name of gateways) {
      const service = services[name];
      expect(service?.build).toBe('.');
      expect(service?.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service?.depends_on?.redis?.condition).toBe('service_healthy');
      for (const variable of Object.keys(service?.environment ?? {})) {
        expect(known(variable), `${variable} is documented`).toBe(true);
      }
    }
    expect(services.redis?.image).toMatch(/^redis:\d+\.\d+\.\d+/);
  });

  it('puts a load balancer in front of both, with its configuration in the repository', () => {
    const lb = services.lb;
    expect(lb?.image).toMatch(/^nginx:\d+\.\d+\.\d+/);
    for (const name of gateways) expect(lb?.depends_on?.[name]).toBeDefined();
    const mount = lb?.volumes?.find((volume) => volume.endsWith(':/etc/nginx/nginx.conf:ro'));
    expect(mount).toBeDefined();
    const file = mount?.split(':')[0] ?? '';
    expect(existsSync(new URL(`../../${file.replace(/^\.\//, '')}`, import.meta.url))).toBe(true);
    // Only the balancer is published; the replicas are reached through it.
    for (const name of gateways) expect(services[name]?.ports).toBeUndefined();
    expect(lb?.ports).toEqual(['8080:8080']);

    const nginx = read(file.replace(/^\.\//, ''));
    for (const name of gateways) expect(nginx).toContain(`server ${name}:4000`);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(nginx).toMatch(/proxy_buffering off;/);
    expect(nginx).toMatch(/listen 8080;/);
  });

  const docker = (() => {
    try {
      execFileSync('docker', ['compose', 'version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it.skipIf(!docker)('is accepted by `docker compose config`', () => {
    execFileSync('docker', ['compose', 'config', '--quiet'], {
      cwd: new URL('../../', import.meta.url),
      env: {
        ...process.env,
        COMETCHAT_APP_ID: 'app',
        COMETCHAT_API_KEY: 'key',
        GATEWAY_ADMIN_TOKENS: 'token',
        WEBHOOK_USERNAME: 'user',
        WEBHOOK_PASSWORD: 'password',
      },
    });
  });
});

describe('deploy/kubernetes.yaml', () => {
  const docs = parseAllDocuments(read('deploy/kubernetes.yaml')).map((doc) => doc.toJS());
  const byKind = (kind: string) => docs.find((doc) => doc?.kind === kind);
  const deployment = byKind('Deployment');
  const container = deployment?.spec?.template?.spec?.containers?.[0];

  it('probes the gateway’s own paths on the port the image exposes', () => {
    expect(container?.readinessProbe?.httpGet?.path).toBe(READY_PATH);
    expect(container?.livenessProbe?.httpGet?.path).toBe(HEALTH_PATH);
    const exposed = /^EXPOSE (\d+)$/m.exec(read('Dockerfile'))?.[1];
    expect(container?.ports?.[0]?.containerPort).toBe(Number(exposed));
  });

  it('gives the drain time: a preStop pause and a grace period longer than the 10 s drain', () => {
    expect(container?.lifecycle?.preStop?.exec?.command).toEqual(['sleep', expect.any(String)]);
    const pause = Number(container?.lifecycle?.preStop?.exec?.command?.[1]);
    expect(deployment?.spec?.template?.spec?.terminationGracePeriodSeconds).toBeGreaterThan(
      pause + 10,
    );
  });

  it('scales the Deployment it defines, and its Service selects the Deployment’s pods', () => {
    const hpa = byKind('HorizontalPodAutoscaler');
    expect(hpa?.spec?.scaleTargetRef).toMatchObject({
      kind: 'Deployment',
      name: deployment?.metadata?.name,
    });
    expect(hpa?.spec?.minReplicas).toBeGreaterThanOrEqual(2);
    const service = byKind('Service');
    expect(deployment?.spec?.template?.metadata?.labels).toMatchObject(service?.spec?.selector);
  });

  it('sets only documented variables, secrets from a Secret', () => {
    for (const variable of container?.env ?? []) {
      expect(known(variable.name), `${variable.name} is documented`).toBe(true);
      if (/KEY|TOKEN|SECRET|PASSWORD/.test(variable.name)) {
        expect(
          variable.valueFrom?.secretKeyRef,
          `${variable.name} comes from a Secret`,
        ).toBeDefined();
      }
    }
  });
});

describe('one Node major everywhere', () => {
  it('in package.json engines, .nvmrc, both Docker stages and the running Node (CI)', () => {
    const major = read('.nvmrc').trim();
    expect(major).toMatch(/^\d+$/);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines
      .node;
    expect(engines).toMatch(new RegExp(`^>=${major}\\.\\d+ <${Number(major) + 1}$`));
    const from = [...read('Dockerfile').matchAll(/^FROM node:(\d+)\.(\d+)\.(\d+)-slim/gm)];
    expect(from).toHaveLength(2);
    for (const match of from) expect(match[1]).toBe(major);
    expect(process.versions.node.split('.')[0]).toBe(major);
  });
});
