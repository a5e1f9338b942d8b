package dev.roofline.analyzer.source;

import dev.roofline.analyzer.SafeText;
import dev.roofline.analyzer.Version;
import dev.roofline.analyzer.config.ConfigException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Downloads a repository's {@code config.json} from the Hub with OkHttp: explicit time-outs,
 * redirects followed (OkHttp drops {@code Authorization} when one leads to another host or
 * scheme), bodies over {@link #MAX_BYTES} refused.
 */
final class HubClient {

  static final int MAX_BYTES = ConfigSource.MAX_CONFIG_BYTES;

  /** The most of a server's own message that errors quote. */
  private static final int MAX_SERVER_TEXT = 200;

  /** What a download brought: the bytes and, when the Hub sent valid ones, commit and ETag. */
  record Download(byte[] body, String commit, String etag) {}

  private final HubSettings settings;

  HubClient(HubSettings settings) {
    this.settings = settings;
  }

  /**
   * An HTTP client, built only when a request is about to be sent. For an {@code http://} endpoint
   * (a local mirror) it speaks clear text only, which spares the set-up of TLS and its trust store;
   * such a client must not follow a redirect to {@code https://} itself (it would send that request
   * in clear text too), so {@link #fetch} follows that one with a client that speaks TLS.
   *
   * <p>No read time-out is set on the client: the answer's headers must come within the ETag
   * time-out ({@link HeadersWatchdog}), then each read of the body within the download time-out.
   */
  private OkHttpClient http(boolean tls) {
    long etagMillis = settings.etagTimeout().toMillis();
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(etagMillis, TimeUnit.MILLISECONDS)
            .writeTimeout(etagMillis, TimeUnit.MILLISECONDS)
            .readTimeout(0, TimeUnit.MILLISECONDS)
            .followRedirects(true)
            .retryOnConnectionFailure(false);
    if (!tls) {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).followSslRedirects(false);
    }
    return builder.build();
  }

  /** The URL of {@code config.json} of {@code repo} at {@code revision}. */
  String url(RepoId repo, Revision revision) {
    return settings.endpoint() + path(repo, revision);
  }

  /** As {@link #url}, as messages show it: without credentials. */
  String urlForMessages(RepoId repo, Revision revision) {
    return settings.endpointForMessages() + path(repo, revision);
  }

  private static String path(RepoId repo, Revision revision) {
    return "/" + repo + "/resolve/" + revision.urlSegment() + "/config.json";
  }

  /**
   * Downloads {@code config.json}.
   *
   * @throws HubAnswerException when the Hub says no
   * @throws HubUnreachableException when it cannot be reached, fails, or answers nonsense
   * @throws ConfigException when the answer is not something to use (too large), or the endpoint
   *     or the token cannot be used
   */
  Download fetch(RepoId repo, Revision revision) throws HubAnswerException, HubUnreachableException {
    HttpUrl url = HttpUrl.parse(url(repo, revision));
    if (url == null) {
      throw new ConfigException("HF_ENDPOINT is not an http(s) URL: " + settings.endpointForMessages());
    }
    try {
      // With no network the name does not resolve: say so at once, before an HTTP client is built.
      InetAddress.getAllByName(url.host());
    } catch (UnknownHostException e) {
      throw unreachable(e);
    }
    Request.Builder request =
        new Request.Builder()
            .url(url)
            .header("User-Agent", "transformer-roofline-analyzer/" + Version.get() + "; java/" + System.getProperty("java.version"))
            .get();
    String token = settings.token();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HeadersWatchdog watchdog = new HeadersWatchdog(settings.etagTimeout());
    watchdog.start();
    try (Response response = execute(request.build(), url.isHttps(), watchdog)) {
      watchdog.headersArrived();
      if (!response.isSuccessful()) {
        refuse(repo, revision, response, token);
      }
      ResponseBody body = response.body();
      long declared = body.contentLength();
      if (declared < -1) {
        throw new HubUnreachableException("malformed answer: Content-Length " + declared, null);
      }
      if (declared > MAX_BYTES) {
        throw tooLarge(repo);
      }
      BufferedSource source = body.source();
      source.timeout().timeout(settings.downloadTimeout().toNanos(), TimeUnit.NANOSECONDS);
      if (source.request(MAX_BYTES + 1L)) {
        throw tooLarge(repo);
      }
      byte[] bytes = source.readByteArray();
      String commit = response.header("X-Repo-Commit");
      String etag = response.header("X-Linked-Etag");
      if (etag == null) {
        etag = response.header("ETag");
      }
      return new Download(bytes, Revision.isCommitHash(commit) ? commit : null, validEtag(etag));
    } catch (IOException e) {
      if (watchdog.cancelledTheCall) {
        throw new HubUnreachableException("timed out", e);
      }
      throw unreachable(e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The HTTP client's own checks failing on what the server sent: a broken answer.
      throw new HubUnreachableException("malformed answer: " + SafeText.excerpt(e.getMessage(), MAX_SERVER_TEXT), e);
    } finally {
      watchdog.headersArrived();
    }
  }

  /**
   * Sends {@code request}; when a clear-text exchange is redirected to {@code https://}, follows
   * that redirect with TLS, without the token (another scheme is another origin to OkHttp too).
   */
  private Response execute(Request request, boolean tls, HeadersWatchdog watchdog) throws IOException {
    Response response = watchdog.watch(http(tls).newCall(request)).execute();
    if (tls || !response.isRedirect()) {
      return response;
    }
    String location = response.header("Location");
    HttpUrl target = location == null ? null : response.request().url().resolve(location);
    if (target == null || !target.isHttps()) {
      return response;
    }
    response.close();
    Request secure = response.request().newBuilder().url(target).removeHeader("Authorization").build();
    return watchdog.watch(http(true).newCall(secure)).execute();
  }

  /**
   * The answer's headers (its metadata) must come within the ETag time-out; the body then has the
   * download time-out for each read. This thread cancels the call when the headers are late.
   */
  private static final class HeadersWatchdog extends Thread {
    private final Duration timeout;
    private final CountDownLatch headers = new CountDownLatch(1);
    private volatile Call call;
    volatile boolean cancelledTheCall;

    HeadersWatchdog(Duration timeout) {
      super("hub-etag-timeout");
      this.timeout = timeout;
      setDaemon(true);
    }

    /** Watches {@code next}, the call now under way; cancelled at once if time is up. */
    Call watch(Call next) {
      call = next;
      if (cancelledTheCall) {
        next.cancel();
      }
      return next;
    }

    void headersArrived() {
      headers.countDown();
    }

    @Override
    public void run() {
      try {
        if (!headers.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
          cancelledTheCall = true;
          Call current = call;
          if (current != null) {
            current.cancel();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What a transport failure says about the Hub, in a few words. */
  private static HubUnreachableException unreachable(IOException e) {
    String reason;
    if (e instanceof UnknownHostException) {
      reason = "cannot resolve " + e.getMessage();
    } else if (e instanceof ConnectException) {
      reason = "cannot connect: " + e.getMessage();
    } else if (e instanceof InterruptedIOException) {
      reason = "timed out";
    } else {
      reason = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new HubUnreachableException(reason, e);
  }

  private static ConfigException tooLarge(RepoId repo) {
    return new ConfigException(repo + ": the Hub sent a config.json over " + (MAX_BYTES >> 20) + " MiB; refusing it");
  }

  /**
   * The server's own words, for the end of a message: short, one printable line, and without the
   * token (a server may echo the request's headers).
   */
  private static String serverMessage(String message, String token) {
    if (message == null || message.isBlank()) {
      return "";
    }
    String text = token == null ? message : message.replace(token, "<token>");
    return " (Hub: " + SafeText.excerpt(text, MAX_SERVER_TEXT) + ")";
  }

  /** An ETag usable as a blob name: 40 or 64 hex digits, once {@code W/} and quotes are removed. */
  static String validEtag(String etag) {
    if (etag == null) {
      return null;
    }
    String e = etag.strip();
    if (e.startsWith("W/")) {
      e = e.substring(2);
    }
    e = e.replace("\"", "");
    return Revision.isLowerHex(e, 40) || Revision.isLowerHex(e, 64) ? e : null;
  }

  /** Throws what a non-2xx answer means. */
  private static void refuse(RepoId repo, Revision revision, Response response, String token)
      throws HubAnswerException, HubUnreachableException {
    int code = response.code();
    String errorCode = response.header("X-Error-Code");
    String suffix = serverMessage(response.header("X-Error-Message"), token);
    if (code >= 500 || code == 408 || code == 429) {
      throw new HubUnreachableException("HTTP " + code + suffix, null);
    }
    HubAnswerException.Kind kind;
    String message;
    if ((code == 401 || code == 403) && "GatedRepo".equals(errorCode)) {
      kind = HubAnswerException.Kind.GATED;
      message = repo + " is a gated model: request access at https://huggingface.co/" + repo + " and set HF_TOKEN";
    } else if (code == 404 && "EntryNotFound".equals(errorCode)) {
      kind = HubAnswerException.Kind.ENTRY_NOT_FOUND;
      message = "repository " + repo + " has no config.json at revision '" + revision + "'";
    } else if (code == 404 && "RevisionNotFound".equals(errorCode)) {
      kind = HubAnswerException.Kind.REVISION_NOT_FOUND;
      message = "revision '" + revision + "' not found in repository " + repo + "; check the revision you asked for";
    } else if (code == 401 || (code == 404 && "RepoNotFound".equals(errorCode))) {
      kind = HubAnswerException.Kind.REPO_NOT_FOUND;
      message = "repository " + repo + " not found on the Hub: check the id; if it is private, set HF_TOKEN";
    } else if (code == 404) {
      kind = HubAnswerException.Kind.REPO_NOT_FOUND;
      message = "not found on the Hub: " + repo + " (or its config.json at revision '" + revision + "'): check the id";
    } else if (code == 403) {
      kind = HubAnswerException.Kind.FORBIDDEN;
      message = "access to " + repo + " is forbidden: your token lacks permission for it";
    } else {
      kind = HubAnswerException.Kind.OTHER;
      message = String.format(Locale.ROOT, "the Hub answered HTTP %d for %s", code, repo);
    }
    throw new HubAnswerException(kind, message + suffix);
  }
}
