/**
 * The launch page's sign-in answer, written into the page by the gateway
 * (server/launch/launchPage.ts): the id of its data block, and the name of the meta that
 * announces it. The page's first script, which may import nothing, writes the same name
 * (features/launch/api/launchSignInStart.ts); build/inlineLaunchSignIn.test.ts holds them
 * together.
 */
export const INLINE_ANSWER = 'drim-launch-answer';
