/** The authenticated user (`GET /user`): who a token belongs to. Installation tokens are refused, as on GitHub. */
import { HttpError, timestamp, type Router } from "../http.js";
import { userJson } from "../serialize.js";

export function userRoutes(router: Router): void {
  router.on("GET", "/user", (context) => {
    const user = context.actor;
    // GitHub answers 403 "Resource not accessible by integration" to an App's installation token.
    if (user.type === "Bot") throw new HttpError(403, "Resource not accessible by integration");
    const created = timestamp(new Date(Date.UTC(2020, 0, 1)));
    return {
      status: 200,
      body: {
        ...userJson(context.api, user),
        name: null,
        company: null,
        blog: "",
        location: null,
        email: null,
        hireable: null,
        bio: null,
        public_repos: 0,
        public_gists: 0,
        followers: 0,
        following: 0,
        created_at: created,
        updated_at: created,
      },
    };
  });
}
