"""The OpenAI stub server, proven with the real `openai` client and LangChain's `ChatOpenAI`."""

from __future__ import annotations

import json
import math
import threading
import time
from collections.abc import Iterator

import openai
import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.tools import tool
from langchain_openai import ChatOpenAI

from tests.openai_stub import (
    OpenAIStub,
    RecordedRequest,
    delay,
    embedding_for,
    empty,
    error,
    raw_tool_call,
    reply,
    tool_calls,
)

USER = [{"role": "user", "content": "你好"}]
WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city.",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


@pytest.fixture
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub() as server:
        yield server


@pytest.fixture
def client(stub: OpenAIStub) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=stub.base_url, api_key="test", max_retries=0, timeout=5) as real_client:
        yield real_client


@tool
def get_weather(city: str) -> str:
    """Weather for a city."""
    return f"Sunny in {city}"


def chat_model(stub: OpenAIStub, **extra: object) -> ChatOpenAI:
    return ChatOpenAI(
        base_url=stub.base_url, api_key="test", model="stub-model", max_retries=0, timeout=5, **extra
    )


# -- openai client: chat ---------------------------------------------------------------------------


def test_plain_reply_and_what_the_client_sent(stub: OpenAIStub, client: openai.OpenAI) -> None:
    stub.script(reply("Hello from the stub"))
    completion = client.chat.completions.create(model="stub-model", messages=USER)

    choice = completion.choices[0]
    assert choice.message.content == "Hello from the stub"
    assert choice.message.tool_calls is None
    assert choice.finish_reason == "stop"
    assert completion.model == "stub-model"
    assert completion.object == "chat.completion"
    assert completion.usage is not None
    assert (
        completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )

    [sent] = stub.requests
    assert sent.method == "POST"
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer test"
    assert sent["model"] == "stub-model"
    assert sent["messages"] == USER
    assert stub.remaining == 0


def test_parallel_tool_calls_with_arguments_as_json(stub: OpenAIStub, client: openai.OpenAI) -> None:
    stub.script(tool_calls(("get_weather", {"city": "上海"}), ("get_weather", {"city": "Paris"})))
    completion = client.chat.completions.create(model="stub-model", messages=USER, tools=[WEATHER_TOOL])

    choice = completion.choices[0]
    assert choice.finish_reason == "tool_calls"
    assert choice.message.content is None
    calls = choice.message.tool_calls
    assert calls is not None
    assert [c.function.name for c in calls] == ["get_weather", "get_weather"]
    assert [json.loads(c.function.arguments) for c in calls] == [{"city": "上海"}, {"city": "Paris"}]
    assert calls[0].function.arguments == '{"city":"上海"}'  # compact, non-ASCII kept, like OpenAI
    assert len({c.id for c in calls}) == 2
    assert stub.chat_requests[0]["tools"] == [WEATHER_TOOL]


def test_malformed_arguments_reach_the_client_verbatim(stub: OpenAIStub, client: openai.OpenAI) -> None:
    stub.script(raw_tool_call("get_weather", '{"city": "上海"'), empty())

    call = client.chat.completions.create(model="stub-model", messages=USER).choices[0].message.tool_calls[0]
    assert call.function.arguments == '{"city": "上海"'  # the openai client does not validate arguments
    message = client.chat.completions.create(model="stub-model", messages=USER).choices[0].message
    assert message.content == ""
    assert message.tool_calls is None


def test_streaming_text_tool_calls_and_usage(stub: OpenAIStub, client: openai.OpenAI) -> None:
    text = "A streamed answer, long enough to arrive in several deltas."
    stub.script(
        reply(text), tool_calls(("get_weather", {"city": "上海"}), ("get_weather", {"city": "Paris"}))
    )

    chunks = list(
        client.chat.completions.create(
            model="stub-model", messages=USER, stream=True, stream_options={"include_usage": True}
        )
    )
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == text
    assert sum(1 for c in chunks if c.choices and c.choices[0].delta.content) > 1
    assert chunks[-2].choices[0].finish_reason == "stop"
    assert chunks[-1].choices == [] and chunks[-1].usage is not None
    assert {c.object for c in chunks} == {"chat.completion.chunk"}

    names: dict[int, str] = {}
    arguments: dict[int, str] = {}
    finish = None
    for chunk in client.chat.completions.create(model="stub-model", messages=USER, stream=True):
        assert chunk.usage is None  # no usage chunk unless asked for
        delta = chunk.choices[0].delta
        finish = chunk.choices[0].finish_reason or finish
        for part in delta.tool_calls or []:
            if part.function.name:
                names[part.index] = part.function.name
            arguments[part.index] = arguments.get(part.index, "") + (part.function.arguments or "")
    assert finish == "tool_calls"
    assert names == {0: "get_weather", 1: "get_weather"}
    assert {i: json.loads(a) for i, a in arguments.items()} == {0: {"city": "上海"}, 1: {"city": "Paris"}}


@pytest.mark.parametrize(
    ("status", "exception"),
    [(500, openai.InternalServerError), (429, openai.RateLimitError), (400, openai.BadRequestError)],
)
def test_http_errors_raise_the_matching_openai_error(
    stub: OpenAIStub, client: openai.OpenAI, status: int, exception: type[openai.APIStatusError]
) -> None:
    stub.script(error(status, "scripted failure", code="stub_code"))
    with pytest.raises(exception) as caught:
        client.chat.completions.create(model="stub-model", messages=USER)
    assert caught.value.status_code == status
    assert caught.value.code == "stub_code"
    assert "scripted failure" in caught.value.message


def test_retries_consume_steps_unless_told_not_to(stub: OpenAIStub) -> None:
    stub.script(error(503, "busy", should_retry=False), error(503, "busy"), reply("second try"))
    with openai.OpenAI(base_url=stub.base_url, api_key="test", max_retries=1) as retrying:
        with pytest.raises(openai.InternalServerError):
            retrying.chat.completions.create(model="stub-model", messages=USER)  # x-should-retry: false
        assert len(stub.chat_requests) == 1
        completion = retrying.chat.completions.create(model="stub-model", messages=USER)  # retried once
    assert completion.choices[0].message.content == "second try"
    assert [r.headers["x-stainless-retry-count"] for r in stub.chat_requests] == ["0", "0", "1"]


def test_exhausted_script_is_a_clear_500_that_is_not_retried(stub: OpenAIStub) -> None:
    with (
        openai.OpenAI(base_url=stub.base_url, api_key="test") as retrying,  # default max_retries=2
        pytest.raises(openai.InternalServerError, match="script exhausted"),
    ):
        retrying.chat.completions.create(model="stub-model", messages=USER)
    assert len(stub.requests) == 1


def test_delay_longer_than_the_client_timeout(stub: OpenAIStub, client: openai.OpenAI) -> None:
    stub.script(delay(3, then=reply("too late")), reply("on time"))
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        client.chat.completions.create(model="stub-model", messages=USER, timeout=0.3)
    assert time.monotonic() - started < 2
    # The delayed step was consumed; the next request gets the next one.
    assert (
        client.chat.completions.create(model="stub-model", messages=USER).choices[0].message.content
        == "on time"
    )


def test_steps_can_be_scripted_between_calls_and_from_threads(
    stub: OpenAIStub, client: openai.OpenAI
) -> None:
    stub.script(lambda request: reply(f"echo: {request['messages'][-1]['content']}"))
    assert (
        client.chat.completions.create(model="stub-model", messages=USER).choices[0].message.content
        == "echo: 你好"
    )

    stub.script(*(reply(f"answer {i}") for i in range(4)))
    answers: list[str] = []

    def ask() -> None:
        answers.append(
            client.chat.completions.create(model="stub-model", messages=USER).choices[0].message.content
        )

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [f"answer {i}" for i in range(4)]
    assert len(stub.chat_requests) == 5
    assert stub.remaining == 0


def test_api_also_answers_without_the_v1_prefix(stub: OpenAIStub) -> None:
    stub.script(reply("no prefix"))
    with openai.OpenAI(base_url=stub.url, api_key="test", max_retries=0) as bare:
        completion = bare.chat.completions.create(model="stub-model", messages=USER)
    assert completion.choices[0].message.content == "no prefix"
    assert stub.requests[0].path == "/chat/completions"


# -- openai client: embeddings and models ----------------------------------------------------------


def test_embeddings_of_a_list_are_deterministic_unit_vectors(stub: OpenAIStub, client: openai.OpenAI) -> None:
    texts = ["防晒霜推荐", "sunscreen", "防晒霜推荐"]
    response = client.embeddings.create(model="text-embedding-3-small", input=texts)

    assert [d.index for d in response.data] == [0, 1, 2]
    vectors = [d.embedding for d in response.data]
    assert vectors == [embedding_for(t) for t in texts]
    assert vectors[0] == vectors[2] != vectors[1]
    assert all(len(v) == 8 and math.isclose(math.fsum(x * x for x in v), 1, rel_tol=1e-5) for v in vectors)
    # The client asks for base64 unless told otherwise; floats give the very same numbers.
    assert stub.requests[0]["encoding_format"] == "base64"
    as_floats = client.embeddings.create(model="m", input="sunscreen", encoding_format="float", dimensions=4)
    assert as_floats.data[0].embedding == embedding_for("sunscreen", 4)


def test_models_list(stub: OpenAIStub, client: openai.OpenAI) -> None:
    assert [m.id for m in client.models.list()] == ["stub-model"]
    assert client.models.retrieve("stub-model").owned_by == "openai-stub"
    with pytest.raises(openai.NotFoundError):
        client.models.retrieve("gpt-unknown")


# -- LangChain ChatOpenAI --------------------------------------------------------------------------


def test_langchain_bind_tools_receives_a_tool_call(stub: OpenAIStub) -> None:
    stub.script(tool_calls(("get_weather", {"city": "上海"}), ("get_weather", {"city": "Paris"})))
    message = chat_model(stub).bind_tools([get_weather]).invoke("Weather in 上海 and Paris?")

    assert isinstance(message, AIMessage)
    assert [(c["name"], c["args"]) for c in message.tool_calls] == [
        ("get_weather", {"city": "上海"}),
        ("get_weather", {"city": "Paris"}),
    ]
    assert all(c["id"].startswith("call_stub") for c in message.tool_calls)
    [sent] = stub.chat_requests
    assert sent["model"] == "stub-model"
    assert sent.get("stream") in (None, False)
    assert [t["function"]["name"] for t in sent["tools"]] == ["get_weather"]
    assert sent["messages"] == [{"role": "user", "content": "Weather in 上海 and Paris?"}]


def test_langchain_tool_loop_sends_the_tool_result_back(stub: OpenAIStub) -> None:
    call = tool_calls(("get_weather", {"city": "上海"}))
    stub.script(call, reply("It is sunny in 上海."))
    model = chat_model(stub).bind_tools([get_weather])

    history = [HumanMessage("Weather in 上海?")]
    history.append(model.invoke(history))
    history.append(
        ToolMessage(get_weather.invoke(history[-1].tool_calls[0]["args"]), tool_call_id=call.calls[0].id)
    )
    assert model.invoke(history).content == "It is sunny in 上海."

    second = stub.chat_requests[1]["messages"]
    assert [m["role"] for m in second] == ["user", "assistant", "tool"]
    assert second[1]["tool_calls"][0]["id"] == call.calls[0].id
    assert second[2] == {"role": "tool", "content": "Sunny in 上海", "tool_call_id": call.calls[0].id}


def test_langchain_streaming_and_malformed_arguments(stub: OpenAIStub) -> None:
    stub.script(tool_calls(("get_weather", {"city": "上海"})), raw_tool_call("get_weather", '{"city": '))
    model = chat_model(stub).bind_tools([get_weather])

    streamed = None
    for chunk in model.stream("Weather?"):
        streamed = chunk if streamed is None else streamed + chunk
    assert streamed is not None
    assert [(c["name"], c["args"]) for c in streamed.tool_calls] == [("get_weather", {"city": "上海"})]
    assert stub.chat_requests[0]["stream"] is True
    assert (
        "stream_options" not in stub.chat_requests[0].body
    )  # no usage chunk asked for with a custom base_url

    broken = model.invoke("Weather?")
    assert broken.tool_calls == []
    assert broken.invalid_tool_calls[0]["args"] == '{"city": '


def test_recorded_request_is_plain_data(stub: OpenAIStub, client: openai.OpenAI) -> None:
    client.models.list()
    [sent] = stub.requests
    assert isinstance(sent, RecordedRequest)
    assert (sent.method, sent.endpoint, sent.body) == ("GET", "models", None)
    assert sent.get("anything", "default") == "default"
