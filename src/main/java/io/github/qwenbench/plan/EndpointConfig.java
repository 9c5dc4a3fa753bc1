package io.github.qwenbench.plan;

/**
 * A served model as configured in the pom ({@code <baseline><endpoint>} or {@code <candidate><endpoint>}): an
 * OpenAI-compatible server (vLLM, SGLang, TGI, llama.cpp's server, Ollama, {@code transformers serve}) and the
 * model it serves, measured from the build as a client.
 */
public class EndpointConfig {

    @Setting("The API's base URL, e.g. `http://gpu-a:8000/v1` (the chat completions route is `<url>/chat/completions`).")
    String url;

    @Setting("The model name the server knows (`--served-model-name` of vLLM, the path or hub id of `transformers serve`).")
    String model;

    @Setting("An environment variable of the build that holds the API key, sent as `Authorization: Bearer`; never written anywhere.")
    String apiKeyEnv;

    @Setting("A `settings.xml` server whose password is the API key (decrypted as Maven decrypts it), instead of `apiKeyEnv`.")
    String serverId;

    @Setting("The longest wait for a connection.")
    String connectTimeout = "10s";

    @Setting("The longest wait for the response's headers and first event (the prefill included).")
    String firstByteTimeout = "120s";

    @Setting("The longest silence between two events of a stream.")
    String idleTimeout = "60s";

    @Setting("The longest a whole request may take.")
    String requestTimeout = "600s";

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public String getApiKeyEnv() {
        return apiKeyEnv;
    }

    public void setApiKeyEnv(String apiKeyEnv) {
        this.apiKeyEnv = apiKeyEnv;
    }

    public String getServerId() {
        return serverId;
    }

    public void setServerId(String serverId) {
        this.serverId = serverId;
    }

    public void setConnectTimeout(String connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public void setFirstByteTimeout(String firstByteTimeout) {
        this.firstByteTimeout = firstByteTimeout;
    }

    public void setIdleTimeout(String idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    public void setRequestTimeout(String requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
