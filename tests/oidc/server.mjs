// A real OpenID Connect provider (panva/oidc-provider) for the end-to-end e-ID test, on loopback only.
// Every interaction is completed at once as one test person, as an e-ID broker would after BankID;
// everything else (authorization code, PKCE, token endpoint, signed ID token, userinfo) is the real thing.
// Configured by the environment: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI,
// OIDC_PNR_CLAIM (claim name) and OIDC_PNR (a Skatteverket test personnummer, also used as the subject,
// as some brokers do, to prove Delaktig stores neither).
import http from "node:http";
import Provider from "oidc-provider";

const env = process.env;
const port = Number(env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: [env.OIDC_REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], profile: ["name", env.OIDC_PNR_CLAIM] },
  findAccount: async (ctx, sub) => ({
    accountId: sub,
    claims: async () => ({ sub, name: "Erik Testsson", [env.OIDC_PNR_CLAIM]: env.OIDC_PNR }),
  }),
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  cookies: { keys: ["test-only-cookie-key"] },
  pkce: { required: () => true },
});

async function finishInteraction(req, res) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === "login") {
    return provider.interactionFinished(req, res, { login: { accountId: env.OIDC_PNR } });
  }
  const grant = new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
  const missing = details.prompt.details;
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(" "));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
}

const callback = provider.callback();
http
  .createServer((req, res) => {
    if (req.url.startsWith("/interaction/")) {
      finishInteraction(req, res).catch((error) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    callback(req, res);
  })
  .listen(port, "127.0.0.1", () => console.log(`ready ${issuer}`));
