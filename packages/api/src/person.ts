// A person's identity on the wire (ARCHITECTURE.md, "Access"). Each browser keeps a secret person
// key and sends it with every request — the `x-accord-person` header on HTTP, `?person=` on the
// websocket. The server derives the person id from it with its secret, so an id is stable across
// reloads of the same browser and nobody can claim another's id without their key. The id is
// public (awareness, the people list, authorship); the key never leaves its browser but to the server.

/** A person key: 22–86 base64url characters (the web app makes 32 random bytes, 43 characters). */
export const PERSON_KEY_PATTERN = '^[A-Za-z0-9_-]{22,86}$';

/** A person id as the server derives it: `p` and 21 base64url characters. */
export const PERSON_ID_PATTERN = '^p[A-Za-z0-9_-]{21}$';

/** The HTTP header carrying the person key. */
export const PERSON_HEADER = 'x-accord-person';

/** The websocket query parameter carrying the person key. */
export const PERSON_QUERY_PARAM = 'person';

const keyRe = new RegExp(PERSON_KEY_PATTERN);

/** True when `key` is shaped like a person key. */
export const isPersonKey = (key: unknown): key is string => typeof key === 'string' && keyRe.test(key);
