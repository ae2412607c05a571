import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { json, loginCookie, testOrigin } from '../../../test/app';
import { describeEachDialect } from '../../../test/db';
import type { Workflow } from '../../shared/contracts/workflows';
import type { ErrorBody } from '../../shared/errors';
import {
  buildWorkWorld,
  type Headers,
  postWorkItem,
  type WorkWorld,
} from '../features/work-items/work-items.test-support';

// Errors are said in the reader's language: the account's locale, else Accept-Language, else English.
describeEachDialect('error messages in the reader language', (storage) => {
  let world: WorkWorld;
  let app: FastifyInstance;
  let italian: Headers;
  let english: Headers;
  let browserDefault: Headers;
  let reviewStateId: number;
  beforeAll(async () => {
    world = await buildWorkWorld(storage());
    app = world.app;
    const { member, lead, manager } = world.users;
    await world.ctx.db.updateTable('users').set({ locale: 'it' }).where('id', '=', member.user.id).execute();
    await world.ctx.db.updateTable('users').set({ locale: 'en' }).where('id', '=', lead.user.id).execute();
    // The account locale is for people in the browser, so these callers sign in with a session.
    const session = async (email: string) => ({
      cookie: await loginCookie(app, email),
      origin: testOrigin,
      host: 'localhost:80',
    });
    italian = await session(member.user.email);
    english = await session(lead.user.email);
    browserDefault = await session(manager.user.email);
    const workflow = json<Workflow>(
      await app.inject({ url: `/api/v1/teams/${world.ops.id}/workflow`, headers: lead.headers }),
    );
    const review = workflow.states.find((state) => state.name === 'In review');
    if (!review) throw new Error('no In review state');
    reviewStateId = review.id;
    const limited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/teams/${world.ops.id}/workflow/states/${reviewStateId}`,
      headers: lead.headers,
      payload: { wipLimit: 1 },
    });
    expect(limited.statusCode).toBe(200);
    const first = await postWorkItem(app, lead.headers, { teamId: world.ops.id, title: 'In review already' });
    const moved = await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${first.id}/move`,
      headers: lead.headers,
      payload: { stateId: reviewStateId },
    });
    expect(moved.statusCode).toBe(200);
  });
  afterAll(() => world?.close());

  const moveIntoFullState = async (headers: Headers) => {
    const item = await postWorkItem(app, world.users.lead.headers, {
      teamId: world.ops.id,
      title: 'Waiting',
    });
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${item.id}/move`,
      headers,
      payload: { stateId: reviewStateId },
    });
    expect(response.statusCode).toBe(409);
    return json<ErrorBody>(response).error;
  };

  it('tells an Italian user about the WIP limit in Italian, field error included', async () => {
    const error = await moveIntoFullState(italian);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      '"In review" ha raggiunto il limite di 1 attività in corso: completa o sposta prima un\'attività',
    );
    expect(error.details).toEqual([{ path: 'body.stateId', message: 'limite WIP di 1 raggiunto' }]);
  });

  it('tells an English user about the WIP limit in English, even when the browser asks for Italian', async () => {
    const error = await moveIntoFullState({ ...english, 'accept-language': 'it-IT,it;q=0.9' });
    expect(error.message).toBe(
      '"In review" is at its work-in-progress limit of 1: finish or move an item out first',
    );
    expect(error.details).toEqual([{ path: 'body.stateId', message: 'WIP limit 1 reached' }]);
  });

  it('follows the browser for an account without a locale', async () => {
    const error = await moveIntoFullState({
      ...browserDefault,
      'accept-language': 'it-IT,it;q=0.9,en;q=0.8',
    });
    expect(error.message).toContain('ha raggiunto il limite di 1 attività in corso');
    expect((await moveIntoFullState(browserDefault)).message).toContain('work-in-progress limit of 1');
  });

  it('refuses a dependency loop in the reader language', async () => {
    const lead = world.users.lead.headers;
    const one = await postWorkItem(app, lead, { teamId: world.ops.id, title: 'one' });
    const two = await postWorkItem(app, lead, { teamId: world.ops.id, title: 'two' });
    const blocked = await app.inject({
      method: 'POST',
      url: `/api/v1/work-items/${two.id}/blocked-by`,
      headers: lead,
      payload: { blockerId: one.id },
    });
    expect(blocked.statusCode).toBe(200);
    const closeLoop = (headers: Headers) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/work-items/${one.id}/blocked-by`,
        headers,
        payload: { blockerId: two.id },
      });
    const loop = `#${two.id} → #${one.id} → #${two.id}`;
    const inItalian = await closeLoop(italian);
    expect(inItalian.statusCode).toBe(409);
    expect(json<ErrorBody>(inItalian).error).toEqual({
      code: 'conflict',
      message: `Questa dipendenza creerebbe un ciclo: ${loop}`,
      details: [{ path: 'body.blockerId', message: `ciclo ${loop}` }],
    });
    const inEnglish = await closeLoop(english);
    expect(inEnglish.statusCode).toBe(409);
    expect(json<ErrorBody>(inEnglish).error.message).toBe(`This dependency would make a loop: ${loop}`);
  });

  it('answers an anonymous caller in the language of Accept-Language, else English', async () => {
    const italianBrowser = await app.inject({
      url: `/api/v1/work-items/1`,
      headers: { 'accept-language': 'it-IT,it;q=0.9,en;q=0.8' },
    });
    expect(italianBrowser.statusCode).toBe(401);
    expect(json<ErrorBody>(italianBrowser).error).toEqual({
      code: 'unauthenticated',
      message: 'Accedi prima',
    });
    const unknownLanguage = await app.inject({
      url: `/api/v1/work-items/1`,
      headers: { 'accept-language': 'de-DE' },
    });
    expect(json<ErrorBody>(unknownLanguage).error.message).toBe('Sign in first');
  });

  it('answers an API token by its Accept-Language only, so the CLI and scripts read English by default', async () => {
    const token = world.users.member.headers;
    expect((await moveIntoFullState(token)).message).toContain('work-in-progress limit of 1');
    const asked = await moveIntoFullState({ ...token, 'accept-language': 'it' });
    expect(asked.message).toContain('ha raggiunto il limite di 1 attività in corso');
  });

  it("says the route's validation problems in Italian: zod's own words and the common 'required'", async () => {
    const post = (title: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/work-items',
        headers: italian,
        payload: { teamId: world.ops.id, title },
      });
    const tooLong = json<ErrorBody>(await post('x'.repeat(301))).error;
    expect(tooLong.message).toBe('La richiesta non è valida');
    expect(tooLong.details).toEqual([
      { path: 'body.title', message: 'Troppo grande: string deve avere <=300 caratteri' },
    ]);
    const empty = json<ErrorBody>(await post('  ')).error;
    expect(empty.details).toEqual([{ path: 'body.title', message: 'obbligatorio' }]);
  });

  it('says "not found" and the handler own errors in Italian too', async () => {
    const missing = await app.inject({ url: '/api/v1/work-items/999999', headers: italian });
    expect(missing.statusCode).toBe(404);
    expect(json<ErrorBody>(missing).error.message).toBe('Attività non trovata');
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/v1/work-items',
      headers: { ...italian, 'content-type': 'application/json' },
      payload: '{"teamId":',
    });
    expect(badJson.statusCode).toBe(400);
    expect(json<ErrorBody>(badJson).error.message).toBe('Il corpo della richiesta non è JSON valido');
  });
});
