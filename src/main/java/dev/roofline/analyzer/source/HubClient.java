package dev.roofline.analyzer.source;

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
 * Downloads a repository's {@code config.json} from the Hub with OkHttp: one client, explicit
 * time-outs, redirects followed (OkHttp drops {@code Authorization} when one leads to another
 * host), bodies over {@link #MAX_BYTES} refused.
 */
final class HubClient {

  static final long MAX_BYTES = ConfigSource.MAX_CONFIG_BYTES;

  /** What a download brought: the bytes and, when the Hub sent valid ones, commit and ETag. */
  record Download(byte[] body, String commit, String etag) {}

  private final HubSettings settings;

  HubClient(HubSettings settings) {
    this.settings = settings;
  }

  /**
   * The HTTP client, built only when a request is about to be sent. An {@code http://} endpoint (a
   * local mirror) gets a clear-text-only client, which spares the set-up of TLS and its trust store.
   */
  private OkHttpClient http(HttpUrl endpoint) {
    long etagMillis = settings.etagTimeout().toMillis();
    long downloadMillis = settings.downloadTimeout().toMillis();
    OkHttpClient.Builder builder =
        new OkHttpClient.Builder()
            .connectTimeout(etagMillis, TimeUnit.MILLISECONDS)
            .writeTimeout(etagMillis, TimeUnit.MILLISECONDS)
            .readTimeout(downloadMillis, TimeUnit.MILLISECONDS)
            .callTimeout(etagMillis + downloadMillis, TimeUnit.MILLISECONDS)
            .followRedirects(true)
            .retryOnConnectionFailure(false);
    if (!endpoint.isHttps()) {
      builder.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    }
    return builder.build();
  }

  /** The URL of {@code config.json} of {@code repo} at {@code revision}. */
  String url(RepoId repo, Revision revision) {
    return settings.endpoint() + "/" + repo + "/resolve/" + revision.urlSegment() + "/config.json";
  }

  /**
   * Downloads {@code config.json}.
   *
   * @throws HubAnswerException when the Hub says no
   * @throws HubUnreachableException when it cannot be reached or fails
   * @throws ConfigException when the answer is not something to use (too large)
   */
  Download fetch(RepoId repo, Revision revision) throws HubAnswerException, HubUnreachableException {
    HttpUrl url = HttpUrl.parse(url(repo, revision));
    if (url == null) {
      throw new ConfigException("HF_ENDPOINT is not an http(s) URL: " + settings.endpoint());
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
    Call call = http(url).newCall(request.build());
    HeadersWatchdog watchdog = new HeadersWatchdog(call, settings.etagTimeout());
    watchdog.start();
    try (Response response = call.execute()) {
      watchdog.headersArrived();
      if (!response.isSuccessful()) {
        refuse(repo, revision, response);
      }
      ResponseBody body = response.body();
      if (body.contentLength() > MAX_BYTES) {
        throw tooLarge(repo);
      }
      BufferedSource source = body.source();
      if (source.request(MAX_BYTES + 1)) {
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
    } finally {
      watchdog.headersArrived();
    }
  }

  /**
   * The answer's headers (its metadata) must come within the ETag time-out; the body then has the
   * download time-out between reads. OkHttp has one read time-out for both, so this thread cancels
   * the call when the headers are late.
   */
  private static final class HeadersWatchdog extends Thread {
    private final Call call;
    private final Duration timeout;
    private final CountDownLatch headers = new CountDownLatch(1);
    volatile boolean cancelledTheCall;

    HeadersWatchdog(Call call, Duration timeout) {
      super("hub-etag-timeout");
      this.call = call;
      this.timeout = timeout;
      setDaemon(true);
    }

    void headersArrived() {
      headers.countDown();
    }

    @Override
    public void run() {
      try {
        if (!headers.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
          cancelledTheCall = true;
          call.cancel();
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
  private static void refuse(RepoId repo, Revision revision, Response response)
      throws HubAnswerException, HubUnreachableException {
    int code = response.code();
    String errorCode = response.header("X-Error-Code");
    String serverMessage = response.header("X-Error-Message");
    String suffix = serverMessage == null || serverMessage.isBlank() ? "" : " (Hub: " + serverMessage.strip() + ")";
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
