import { useEffect, useRef } from 'react';
import { react, useValue, type Editor, type TLUserId } from 'tldraw';
import type { FacilitationFollow } from '@accord/board';

const tldrawUser = (personId: string) => `user:${personId}` as TLUserId;

/**
 * Following someone's view, from tldraw's instance state (tldraw stops following when the follower
 * moves the camera themselves):
 *
 * - `toggle(personId)` follows or stops following a person — the top bar's avatars and the people
 *   panel share it;
 * - "follow me": while the session names a leader, this person follows them once the leader's
 *   presence (cursor, camera) has arrived, until they stop or the leader ends it. Someone who
 *   stopped is not pulled back by the same request.
 */
export function useFollow(editor: Editor | null, followMe: FacilitationFollow | null, me: string): {
  /** The person being followed, or null. */
  followingId: string | null;
  /** The leader of "follow me", unless that is this person. */
  leaderId: string | null;
  toggle: (personId: string) => void;
} {
  const following = useValue('following', () => editor?.getInstanceState().followingUserId ?? null, [editor]);
  const followingId = following ? following.replace(/^user:/, '') : null;
  const leaderId = followMe && followMe.by !== me ? followMe.by : null;
  const at = followMe?.at ?? null;
  const leaderPresent = useValue('leader present', () => !!editor && !!leaderId && editor.getCollaborators().some((c) => c.userId === tldrawUser(leaderId)), [editor, leaderId]);
  const followingLeader = useRef(false);
  const stoppedFor = useRef<number | null>(null);

  useEffect(() => {
    if (!editor) return;
    if (!leaderId) {
      if (followingLeader.current) {
        followingLeader.current = false;
        editor.stopFollowingUser();
      }
      return;
    }
    if (stoppedFor.current === at || !leaderPresent || followingLeader.current) return;
    editor.startFollowingUser(tldrawUser(leaderId));
    if (editor.getInstanceState().followingUserId) followingLeader.current = true;
  }, [editor, leaderId, at, leaderPresent]);

  // Following the leader ended without the leader ending it: this person moved away (or followed
  // someone else). Remember the request so it does not pull them back.
  const request = useRef({ leaderId, at });
  request.current = { leaderId, at };
  useEffect(() => {
    if (!editor) return;
    return react('follow state', () => {
      const now = editor.getInstanceState().followingUserId;
      const { leaderId, at } = request.current;
      if (followingLeader.current && (!leaderId || now !== tldrawUser(leaderId))) {
        followingLeader.current = false;
        stoppedFor.current = at;
      }
    });
  }, [editor]);

  const toggle = (personId: string) => {
    if (!editor) return;
    if (followingId === personId) editor.stopFollowingUser();
    else editor.startFollowingUser(tldrawUser(personId));
  };
  return { followingId, leaderId, toggle };
}
