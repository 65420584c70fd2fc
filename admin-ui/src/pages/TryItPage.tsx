import { useEffect, useRef, useState } from 'react';
import { unwrap } from '../api/client';
import { useApi } from '../api/context';
import { Field } from '../components/Field';
import { PageHeader } from '../components/PageHeader';
import { ErrorNotice } from '../components/States';
import { formatInstant } from '../lib/format';
import { RequireProvider } from '../lib/provider';
import { useLoad } from '../lib/useLoad';
import { describeFailure, licenseRequestFilter, manifestUrlProblem, playbackFailure, playerConfig, type PlaybackFailure, type TestToken } from './tryIt';

/** The license server's own test player: a content of the provider, a test token, a stream, Shaka Player. */
export function TryItPage() {
  return <RequireProvider title="Try-it player">{(provider) => <TryIt provider={provider} />}</RequireProvider>;
}

type Phase = { kind: 'idle' } | { kind: 'starting' } | { kind: 'playing'; token: TestToken } | { kind: 'failed'; failure: PlaybackFailure; token?: TestToken };

interface ShakaPlayer {
  attach(video: HTMLMediaElement): Promise<void>;
  configure(config: object): boolean;
  getNetworkingEngine(): { registerRequestFilter(filter: (type: number, request: { headers: Record<string, string> }) => void): void } | null;
  addEventListener(type: string, listener: (event: Event) => void): void;
  load(uri: string): Promise<void>;
  destroy(): Promise<void>;
}

function TryIt({ provider }: { provider: string }) {
  const api = useApi();
  const contents = useLoad(
    (signal) => unwrap(api.GET('/api/v1/contents', { params: { query: { provider, page: 0, size: 200, sort: 'content_id,asc' } }, signal })),
    [provider],
  );
  const policies = useLoad(
    (signal) => unwrap(api.GET('/api/v1/policies', { params: { query: { provider, page: 0, size: 200 } }, signal })),
    [provider],
  );
  const [form, setForm] = useState({ content_id: '', policy_name: '', manifest_url: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [requestError, setRequestError] = useState<unknown>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const videoRef = useRef<HTMLVideoElement>(null);
  const playerRef = useRef<ShakaPlayer | null>(null);

  useEffect(
    () => () => {
      void playerRef.current?.destroy();
      playerRef.current = null;
    },
    [],
  );

  const contentIds = (contents.data?.items ?? []).map((c) => c.content_id ?? '').filter(Boolean);
  const policyNames = (policies.data?.items ?? []).map((p) => p.name ?? '').filter(Boolean);

  async function play() {
    const found: Record<string, string> = {};
    if (!form.content_id) found.content_id = 'Choose a content.';
    if (!form.policy_name) found.policy_name = 'Choose a policy.';
    const urlProblem = manifestUrlProblem(form.manifest_url);
    if (urlProblem) found.manifest_url = urlProblem;
    setErrors(found);
    setRequestError(null);
    if (Object.keys(found).length) return;
    setPhase({ kind: 'starting' });
    let token: TestToken;
    try {
      const answer = await unwrap(
        api.POST('/api/v1/contents/{contentId}/test-token', {
          params: { path: { contentId: form.content_id }, query: { provider } },
          body: { policy_name: form.policy_name },
        }),
      );
      token = {
        token: answer.token ?? '',
        clear_key_url: answer.clear_key_url ?? '/api/v1/clearkey/license',
        header: answer.header ?? 'X-Voucher-Entitlement',
        expires_at: answer.expires_at,
      };
    } catch (e) {
      setRequestError(e);
      setPhase({ kind: 'idle' });
      return;
    }
    const video = videoRef.current;
    if (!video) return;
    await playerRef.current?.destroy();
    const shaka = (await import('shaka-player')).default;
    shaka.polyfill.installAll();
    const player = new shaka.Player() as unknown as ShakaPlayer;
    playerRef.current = player;
    await player.attach(video);
    player.configure(playerConfig(token.clear_key_url, window.location.origin));
    player.getNetworkingEngine()?.registerRequestFilter(licenseRequestFilter(token, shaka.net.NetworkingEngine.RequestType.LICENSE));
    player.addEventListener('error', (event) => {
      setPhase({ kind: 'failed', failure: playbackFailure((event as CustomEvent).detail), token });
    });
    try {
      await player.load(new URL(form.manifest_url.trim(), window.location.origin).toString());
      setPhase({ kind: 'playing', token });
      // Settles only once frames play (never without keys): the error event tells failures.
      void video.play().catch(() => undefined);
    } catch (e) {
      setPhase({ kind: 'failed', failure: playbackFailure(e), token });
    }
  }

  const token = phase.kind === 'playing' || phase.kind === 'failed' ? phase.token : undefined;
  return (
    <>
      <PageHeader title="Try-it player" subtitle={`Play a stream with keys from Voucher's Clear Key endpoint, as ${provider}`} />
      <form
        className="card form"
        noValidate
        aria-label="Try a stream"
        data-testid="try-it-form"
        onSubmit={(event) => {
          event.preventDefault();
          void play();
        }}
      >
        <p className="field__hint">
          Voucher signs a test token (ten minutes) for the content and policy; Shaka Player sends it with each Clear Key license request. The provider must have
          switched Clear Key on, and the stream's key ids must be the content's. The stream's origin must be one of the console's player origins
          (voucher.console.player-origins).
        </p>
        {contents.state.kind === 'error' && <ErrorNotice error={contents.state.error} title="Content could not be loaded" />}
        {policies.state.kind === 'error' && <ErrorNotice error={policies.state.error} title="Policies could not be loaded" />}
        <div className="form-grid">
          <Field label="Content" name="tryit-content" error={errors.content_id}>
            <select value={form.content_id} onChange={(e) => setForm({ ...form, content_id: e.target.value })}>
              <option value="">Choose a content…</option>
              {contentIds.map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Policy" name="tryit-policy" error={errors.policy_name}>
            <select value={form.policy_name} onChange={(e) => setForm({ ...form, policy_name: e.target.value })}>
              <option value="">Choose a policy…</option>
              {policyNames.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Manifest URL" name="manifest_url" error={errors.manifest_url} hint="DASH (.mpd) or HLS (.m3u8), encrypted with cenc and signalling Clear Key.">
          <input type="url" className="mono" spellCheck={false} value={form.manifest_url} onChange={(e) => setForm({ ...form, manifest_url: e.target.value })} placeholder="https://cdn.example.com/movie/manifest.mpd" />
        </Field>
        {requestError !== null && <ErrorNotice error={requestError} title="No test token" />}
        <div className="form-actions">
          <button type="submit" className="button--primary" disabled={phase.kind === 'starting'} data-testid="try-it-play">
            Play
          </button>
        </div>
      </form>
      <section className="card" aria-label="Player">
        <video ref={videoRef} controls muted playsInline width={640} height={360} data-testid="try-it-video" style={{ maxWidth: '100%', background: '#000' }} />
        {token && (
          <p className="field__hint" data-testid="try-it-token">
            Test token valid until {formatInstant(token.expires_at)}.
          </p>
        )}
        {phase.kind === 'playing' && (
          <p className="notice notice--ok" role="status" data-testid="try-it-status">
            Playing with keys from {token?.clear_key_url}.
          </p>
        )}
        {phase.kind === 'failed' && (
          <div className="notice notice--error" role="alert" data-testid="try-it-error">
            <strong>Playback failed.</strong> <span data-testid="try-it-error-detail">{describeFailure(phase.failure)}</span>
            {phase.failure.code && (
              <>
                {' '}
                <code data-testid="try-it-error-code">{phase.failure.code}</code>
              </>
            )}
          </div>
        )}
      </section>
    </>
  );
}
