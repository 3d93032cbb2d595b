import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import { BOOKMARK_HEADER, type BookmarkCodec, sealBookmarks } from '../../db';

/** Every GraphQL response says the bookmarks of what it read or wrote, sealed by `codec` (src/db/bookmarks.ts). */
export function bookmarkResponse(codec: BookmarkCodec): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const bookmarks = [...(await contextValue.bookmarks.getBookmarks())];
          if (bookmarks.length > 0) response.http.headers.set(BOOKMARK_HEADER, sealBookmarks(bookmarks, codec));
        },
      };
    },
  };
}
