#!/usr/bin/env python3
"""Writes grafana/dashboards/moderation.json, the ad-moderation dashboard, from the panel list below.

The JSON is generated so that panels stay consistent (one datasource, one layout rule) and a reviewer
reads queries here rather than in 1,000 lines of JSON. Run it after editing; deploy/checks and the flow tests verify
that every series and label the dashboard queries is one the services publish.

    make_dashboard.py [--rules FILE]   also writes every query as a recording rule, for `promtool check rules`
"""
import json
import pathlib
import sys

DATASOURCE = {"type": "prometheus", "uid": "moderation-prometheus"}

# (title, unit, [(PromQL, legend)], description, panel type); a legend ending in "(right axis)" is drawn
# on a second axis with plain numbers.
PANELS = [
    ("Throughput", "reqps", [
        ("sum(rate(moderation_tasks_submitted_total[1m]))", "submitted"),
        ("sum(rate(moderation_tasks_published_total[1m]))", "published to Kafka"),
        ("sum by (verdict) (rate(moderation_tasks_completed_total[1m]))", "completed: {{verdict}}"),
        ("sum(rate(moderation_tasks_failed_total[1m]))", "failed"),
        ("sum(rate(moderation_result_events_published_total[1m]))", "results pushed to moderation_results"),
    ], "Tasks per second at each stage. Published above submitted means redeliveries; results pushed follow completed and failed, plus reviewers' verdicts.", "timeseries"),
    ("Submit to result latency", "s", [
        ("histogram_quantile(0.5, sum by (le) (rate(moderation_task_latency_seconds_bucket{outcome=\"completed\"}[5m])))", "p50"),
        ("histogram_quantile(0.95, sum by (le) (rate(moderation_task_latency_seconds_bucket{outcome=\"completed\"}[5m])))", "p95"),
        ("histogram_quantile(0.99, sum by (le) (rate(moderation_task_latency_seconds_bucket{outcome=\"completed\"}[5m])))", "p99"),
    ], "From POST /async_predict to the stored result, over all workers.", "timeseries"),
    ("Failures by reason", "reqps", [
        ("sum by (reason) (rate(moderation_tasks_failed_total[5m]))", "task: {{reason}}"),
        ("sum by (reason) (rate(moderation_records_rejected_total[5m]))", "record: {{reason}}"),
    ], "Tasks that ended failed, and moderation records that named no task.", "timeseries"),
    ("Consumer lag per partition", "short", [
        ("max by (partition) (moderation_consumer_lag)", "partition {{partition}}"),
    ], "Records of moderation the workers have not committed yet, measured by the API from the broker.", "timeseries"),
    ("Dead letters", "short", [
        ("sum(increase(moderation_dead_letters_published_total[5m]))", "published to moderation_dlq (5 min)"),
        ("max(moderation_dead_letters_backlog)", "waiting to be published"),
        ("sum(increase(moderation_tasks_redriven_total[5m]))", "redriven (5 min)"),
    ], "Growth of moderation_dlq, and failed tasks sent back by /admin/redrive.", "timeseries"),
    ("Backlog in PostgreSQL", "short", [
        ("max(moderation_outbox_backlog)", "due to be published (outbox)"),
        ("max(moderation_tasks_pending)", "pending (accepted, not moderated)"),
        ("max(moderation_result_events_backlog)", "results not yet on moderation_results"),
    ], "Tasks accepted and not yet finished. Every API replica reports the same figures.", "timeseries"),
    ("API request latency", "s", [
        ("histogram_quantile(0.99, sum by (le, uri) (rate(http_server_requests_seconds_bucket{application=\"moderation-api\", uri!~\"/actuator.*\"}[5m])))", "p99 {{uri}}"),
        ("sum by (status) (rate(http_server_requests_seconds_count{application=\"moderation-api\", uri!~\"/actuator.*\"}[1m]))", "{{status}} per second"),
        ("histogram_quantile(0.99, sum by (le) (rate(moderation_long_polls_answer_delay_seconds_bucket[5m])))", "p99 long-poll answer after its task's end reached the API"),
        ("sum(moderation_long_polls_waiting)", "clients waiting for their result (right axis)"),
    ], "The public API as clients see it; long-polls (?wait=) hold no thread while they wait.", "timeseries"),
    ("Scoring time", "s", [
        ("histogram_quantile(0.99, sum by (le) (rate(moderation_scoring_batch_seconds_bucket[5m])))", "p99 per batch"),
        ("sum(rate(moderation_scoring_ad_seconds_sum[5m])) / sum(rate(moderation_scoring_ad_seconds_count[5m]))", "mean per ad"),
        ("sum(rate(moderation_scoring_batch_size_sum[5m])) / sum(rate(moderation_scoring_batch_size_count[5m]))", "mean ads per batch (right axis)"),
    ], "onnxruntime time per model call and per advertisement.", "timeseries"),
    ("Score distribution", "short", [
        ("sum by (le) (increase(moderation_score_probability_bucket[5m]))", "{{le}}"),
    ], "How many scores fell at or below each probability bound in the last 5 minutes (cumulative buckets).", "bargauge"),
    ("Decision shares", "percentunit", [
        ("sum(rate(moderation_tasks_completed_total{verdict=\"reject\"}[5m])) / sum(rate(moderation_tasks_completed_total[5m]))", "rejected / completed"),
        ("sum(rate(moderation_tasks_completed_total{verdict=\"review\"}[5m])) / sum(rate(moderation_tasks_completed_total[5m]))", "sent to review / completed"),
    ], "Shares of completed tasks rejected and sent to a person: a sudden move means the model, its thresholds or the traffic changed.", "timeseries"),
    ("Review queue", "short", [
        ("max(moderation_review_queue_depth)", "waiting for a person"),
        ("max(moderation_review_queue_oldest_seconds) / 60", "oldest item's wait, minutes (right axis)"),
        ("sum(increase(moderation_review_decisions_total[1h]))", "verdicts (1 h)"),
    ], "Items the model sent to a person, and samples of its sure decisions: a growing wait needs more reviewers.", "timeseries"),
    ("Time to review", "s", [
        ("histogram_quantile(0.5, sum by (le) (rate(moderation_review_time_seconds_bucket[1h])))", "p50"),
        ("histogram_quantile(0.95, sum by (le) (rate(moderation_review_time_seconds_bucket[1h])))", "p95"),
    ], "From an item's entry into the review queue to a person's verdict.", "timeseries"),
    ("Reviewers' verdicts by policy", "short", [
        ("sum by (policy, verdict) (increase(moderation_review_decisions_total[1h]))", "{{policy}}: {{verdict}}"),
    ], "People's verdicts in the last hour, by the model's strongest reason.", "timeseries"),
    ("Model and reviewers agree", "percentunit", [
        ("sum by (policy) (increase(moderation_review_decisions_total{agreement=\"agree\"}[1d])) / sum by (policy) (increase(moderation_review_decisions_total{agreement=~\"agree|disagree\"}[1d]))", "{{policy}}"),
    ], "Per policy, the share of the model's approve and reject decisions a person confirmed (last 24 h; review decisions are not counted).", "timeseries"),
    ("Webhooks", "reqps", [
        ("sum by (endpoint, outcome) (rate(moderation_webhooks_deliveries_total[5m]))", "{{endpoint}}: {{outcome}}"),
        ("max by (endpoint) (moderation_webhooks_backlog)", "{{endpoint}}: not yet delivered (right axis)"),
    ], "Webhook sends per second by endpoint and outcome (failed: retried later; given_up: after 24 h of retries, until redelivered), and each endpoint's deliveries still to make.", "timeseries"),
    ("Webhook receivers' answer time", "s", [
        ("sum by (endpoint) (rate(moderation_webhooks_latency_seconds_sum[5m])) / sum by (endpoint) (rate(moderation_webhooks_latency_seconds_count[5m]))", "{{endpoint}}: mean"),
        ("max by (endpoint) (moderation_webhooks_latency_seconds_max)", "{{endpoint}}: slowest"),
    ], "How long receivers take to answer a send; one near moderation.webhooks.request-timeout (10 s) is timing out.", "timeseries"),
    ("Workers up", "short", [
        ("count(up{job=\"moderation-worker\"} == 1)", "workers answering"),
        ("sum(kafka_consumer_coordinator_assigned_partitions{application=\"moderation-worker\"})", "partitions assigned"),
    ], "Worker replicas Prometheus reaches, and the partitions they hold.", "timeseries"),
]


def panel(index, title, unit, targets, description, kind):
    width, height = 12, 8
    result = {
        "id": index + 1,
        "type": kind,
        "title": title,
        "description": description,
        "datasource": DATASOURCE,
        "gridPos": {"x": (index % 2) * width, "y": (index // 2) * height, "w": width, "h": height},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": [
            {"matcher": {"id": "byFrameRefID", "options": chr(ord("A") + i)},
             "properties": [{"id": "custom.axisPlacement", "value": "right"}, {"id": "unit", "value": "short"}]}
            for i, (_, legend) in enumerate(targets) if legend.endswith("(right axis)")
        ]},
        "options": {"legend": {"displayMode": "list", "placement": "bottom"}},
        "targets": [
            {"refId": chr(ord("A") + i), "datasource": DATASOURCE, "expr": expr, "legendFormat": legend}
            for i, (expr, legend) in enumerate(targets)
        ],
    }
    if kind == "bargauge":
        result["options"] = {"orientation": "horizontal", "displayMode": "gradient",
                             "reduceOptions": {"calcs": ["lastNotNull"], "values": False}}
        for target in result["targets"]:
            target["format"] = "heatmap"
            target["instant"] = True
    return result


dashboard = {
    "uid": "ad-moderation",
    "title": "Ad moderation",
    "tags": ["ad-moderation"],
    "timezone": "browser",
    "schemaVersion": 39,
    "version": 1,
    "refresh": "10s",
    "time": {"from": "now-30m", "to": "now"},
    "panels": [panel(i, *spec) for i, spec in enumerate(PANELS)],
}

target = pathlib.Path(__file__).resolve().parent.parent / "grafana" / "dashboards" / "moderation.json"
target.write_text(json.dumps(dashboard, indent=2, ensure_ascii=False) + "\n")
print(f"wrote {target}")

if len(sys.argv) == 3 and sys.argv[1] == "--rules":
    expressions = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    lines = ["groups:", "  - name: dashboard-queries", "    rules:"]
    for n, expression in enumerate(expressions, 1):
        lines += [f"      - record: dashboard:query_{n}", f"        expr: {json.dumps(expression)}"]
    pathlib.Path(sys.argv[2]).write_text("\n".join(lines) + "\n")
    print(f"wrote {sys.argv[2]} ({len(expressions)} queries)")
