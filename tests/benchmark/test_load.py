"""The benchmark's pure helpers: statistics, conversations from training data, ratios and targets (no timing)."""

import math

from bot import paths
from bot.benchmark import conversations, report
from bot.benchmark.load import first_button, percentile, summarize
from bot.benchmark.memory import parse_status, process_tree


def test_percentiles_of_latencies():
    latencies = [i / 100 for i in range(1, 101)]  # 10 ms .. 1000 ms
    result = summarize(10, latencies, errors=2, elapsed=4.0, conversations=20)
    assert (result.messages, result.errors, result.throughput) == (100, 2, 25.0)
    assert result.p50_ms == 505.0 and result.p95_ms == 950.5 and result.max_ms == 1000.0


def test_a_level_without_answers_has_no_latency():
    result = summarize(50, [], errors=7, elapsed=1.0, conversations=0)
    assert result.throughput == 0 and math.isnan(result.p95_ms)
    assert math.isnan(percentile([], 0.95))


def test_the_client_presses_the_first_button_with_a_payload():
    answer = [{"text": "Welches Niveau?"}, {"buttons": [{"title": "A1", "payload": ""},
                                                         {"title": "A2", "payload": '/inform{"course_level": "A2"}'}]}]
    assert first_button(answer) == '/inform{"course_level": "A2"}'
    assert first_button({"error": "not a list"}) is None


def test_lotse_conversations_come_from_the_training_data_in_every_language():
    languages = ["de", "en", "ar", "uk", "ru", "ti", "fa", "tr"]
    found = conversations.lotse_conversations(paths.PROJECT_ROOT / "nlu", languages, 16)
    assert [c.language for c in found[:8]] == languages
    place = conversations.gazetteer_place_finder()
    for conversation in found:
        examples = conversations.examples_by_intent(paths.PROJECT_ROOT / "nlu" / conversation.language / "nlu.yml")
        greeting, question, search = conversation.messages
        assert greeting in examples["greet"]
        assert question in conversations.faq_examples(examples)
        assert search in examples["find_language_course"] and place(search)


def test_stock_conversations_greet_then_tell_a_mood():
    from bot.benchmark import stock_bot

    nlu = stock_bot.nlu_file(stock_bot.template_dir())
    examples = conversations.examples_by_intent(nlu)
    for conversation in conversations.stock_conversations(nlu, 5):
        assert conversation.messages[0] in examples["greet"]
        assert conversation.messages[1] in examples["mood_great"] + examples["mood_unhappy"]


def test_ratios_and_targets():
    def bot(throughput_50, p95_10, memory, training):
        return {"levels": [{"concurrency": 10, "throughput": 10.0, "p95_ms": p95_10},
                           {"concurrency": 50, "throughput": throughput_50, "p95_ms": 900.0}],
                "memory": {"together_sum_hwm_mb": memory}, "training_s": training, "startup_s": {"stack": 30.0}}

    lotse, stock = bot(40.0, 250.0, 2100.0, 300.0), bot(16.0, 100.0, 700.0, 100.0)
    found = report.ratios(lotse, stock)
    assert found["throughput_at_50"] == 2.5 and found["memory_together"] == 3.0
    assert [check.met for check in report.checks(lotse, found)] == [True, True, False, True]
    assert report.checks(bot(40.0, 250.0, 900.0, None), {})[3].met is None


def test_memory_is_read_from_proc():
    import os

    assert parse_status("VmRSS:\t 12 kB\nName:\tx\n") == {"VmRSS": 12}
    assert os.getpid() in process_tree(os.getppid())
