"""csba: Customer Service by Amazon backend. Registers routes and handlers; nothing else."""
from chalicelib.entrypoints import collector

collector.pause()  # until the first invocation ends (chalicelib/entrypoints/collector.py says why)

import os  # noqa: E402  (the imports below are what the pause is for)

from aws_lambda_powertools import Logger  # noqa: E402
from chalice import Chalice, Cron  # noqa: E402

from chalicelib.entrypoints import (auth, console_routes, contact_routes, enrollment_routes,  # noqa: E402
                                   health_routes, inbox_routes, insight_routes, invoice_routes, notes_routes,
                                   refund_routes, report_routes)
from chalicelib.entrypoints.observability import around_every_handler, report_route_errors  # noqa: E402

# Every Lambda function imports this file and every route module (bench figure 1). So each queue or schedule
# handler below imports its module when called, and each route the services, views and adapters it uses: a
# function's cold start loads what its invocations use, not what the app's other functions use.

app = Chalice(app_name="csba", configure_logs=False)
report_route_errors(app.log)  # a route's unexpected exception: a Powertools line with the request ids, UnhandledErrors
# The parent of every module's Logger(child=True): JSON lines. Its service name differs from the app's,
# because the "csba" logger is the Chalice app's own (level ERROR, no propagation, RouteErrorLog its handler).
logger = Logger()
app.register_middleware(around_every_handler)  # request ids on every log line, EMF metrics flushed per invocation
app.register_blueprint(auth.auth)
app.register_blueprint(health_routes.bp)
app.register_blueprint(enrollment_routes.bp)
app.register_blueprint(contact_routes.bp)
app.register_blueprint(notes_routes.bp)
app.register_blueprint(refund_routes.bp)
app.register_blueprint(invoice_routes.bp)
app.register_blueprint(report_routes.bp)
app.register_blueprint(console_routes.bp)
app.register_blueprint(inbox_routes.bp)
app.register_blueprint(insight_routes.bp)

# Queue names are read when Chalice loads the app: it fixes event sources then, with the stage's environment.
EVENTS_QUEUE = os.environ.get("MARKETPLACE_EVENTS_QUEUE", "csba-dev-marketplace-events")
BILLING_QUEUE = os.environ.get("BILLING_JOBS_QUEUE", "csba-dev-billing-jobs")


@app.on_sqs_message(queue=EVENTS_QUEUE, batch_size=10)
def marketplace_events(event):
    from chalicelib.entrypoints import marketplace_consumer

    return marketplace_consumer.handle_batch(event.to_dict(), event.context)


@app.schedule(Cron(0, 6, "*", "*", "?", "*"), name="daily_sweep")
def daily_sweep(event):
    from chalicelib.entrypoints import schedules

    return schedules.daily_sweep(event.to_dict())


@app.on_sqs_message(queue=BILLING_QUEUE, batch_size=10)
def billing_jobs(event):
    from chalicelib.entrypoints import billing_consumer

    return billing_consumer.handle_batch(event.to_dict(), event.context)


@app.schedule(Cron(0, 2, 1, "*", "?", "*"), name="monthly_close")
def monthly_close(event):
    from chalicelib.entrypoints import schedules

    return schedules.monthly_close(event.to_dict())


@app.schedule(Cron(0, 3, "?", "*", "MON", "*"), name="weekly_insights")
def weekly_insights(event):
    from chalicelib.entrypoints import schedules

    return schedules.weekly_insights(event.to_dict())
