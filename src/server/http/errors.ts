import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  type ErrorBody,
  type ErrorCode,
  type FieldIssue,
  type MessageRef,
  statusOfErrorCode,
} from '../../shared/errors';
import { chooseLanguage } from '../i18n/language';
import { type Language, phrase, render } from '../i18n/messages';
import { sayValidatorIssue } from '../i18n/validator-issues';

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

// Fastify's own client errors, by code, mapped into Regia's closed list.
const fastifyCodes: Record<string, { code: ErrorCode; message: MessageRef }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'bad_request', message: phrase('http.invalidJson') },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'bad_request', message: phrase('http.emptyJson') },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: phrase('http.bodyTooLarge') },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: phrase('http.unsupportedMediaType'),
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'bad_request', message: phrase('http.contentLengthMismatch') },
  FST_ERR_VALIDATION: { code: 'validation_failed', message: phrase('http.requestInvalid') },
};

/**
 * The language of the caller: a signed-in person's account locale, else `Accept-Language`. Programs
 * calling with an API token (the CLI, scripts) get only what their header asks for, English by default.
 */
function languageOf(request: FastifyRequest): Language {
  const actor = request.actor;
  const accountLocale = actor?.via === 'session' ? actor.locale : null;
  return chooseLanguage(accountLocale, request.headers['accept-language']);
}

/** An AppError's message and details in one language; errors made without the catalogue stay English. */
function translate(error: AppError, language: Language): { message: string; details: unknown } {
  const { translation } = error;
  if (!translation || language === 'en') return { message: error.message, details: error.details };
  const details = Array.isArray(error.details)
    ? error.details.map((issue: FieldIssue, index) => {
        const ref = translation.details?.[index];
        return ref ? { ...issue, message: render(language, ref) } : issue;
      })
    : error.details;
  return { message: render(language, translation.message), details };
}

/** One error shape for every failure; a stack or an internal message never reaches the caller. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const language = languageOf(request);
    if (error instanceof AppError) {
      const { message, details } = translate(error, language);
      return reply.status(statusOfErrorCode[error.code]).send(body(error.code, message, details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldIssue[] = error.validation.map((issue) => {
        const message = issue.message ?? 'invalid';
        const said = sayValidatorIssue({ ...issue.params, code: issue.keyword, message });
        return {
          path: [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
          message: said ? render(language, said) : message,
        };
      });
      const message = render(language, phrase('http.requestInvalid'));
      return reply.status(400).send(body('validation_failed', message, details));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) {
      return reply
        .status(statusOfErrorCode[known.code])
        .send(body(known.code, render(language, known.message)));
    }
    if (error.statusCode === 429) {
      return reply
        .status(429)
        .send(body('too_many_requests', render(language, phrase('http.tooManyRequests'))));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send(body('bad_request', error.message));
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(body('internal', render(language, phrase('http.internal'))));
  });
}
