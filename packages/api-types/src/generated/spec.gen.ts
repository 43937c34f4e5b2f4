/**
 * This file was generated from openapi.json by scripts/gen-spec-module.mjs.
 * Do not make direct changes to the file: run `npm run gen`.
 */

export const openapiSpec = {
  "openapi": "3.1.0",
  "info": {
    "title": "Feedback Analytics API",
    "version": "1.0.0",
    "summary": "Feedback on LLM traces, read back as time-bucketed statistics.",
    "description": "Reference implementation of the W&B Weave feedback endpoints (`/feedback/create`, `/feedback/stats`, `/feedback/aggregate`). Every feedback endpoint requires HTTP Basic auth: username `api`, password an API key. Errors: 422 for a body that fails the schema or a cross-field rule (`HTTPValidationError`), `{reason, error_type}` for everything else.",
    "license": {
      "name": "Apache-2.0",
      "identifier": "Apache-2.0"
    }
  },
  "servers": [
    {
      "url": "http://localhost:8080",
      "description": "Local reference server"
    }
  ],
  "tags": [
    {
      "name": "Feedback",
      "description": "Write and read feedback rows."
    },
    {
      "name": "Operations",
      "description": "Liveness and readiness probes."
    }
  ],
  "security": [
    {
      "HTTPBasic": []
    }
  ],
  "paths": {
    "/feedback/create": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Create",
        "description": "Store one feedback row. With a client-supplied `id` the call is idempotent: the same content again returns the stored row (200); different content is a 409. A 200 means the row is durably committed.",
        "operationId": "feedback_create_feedback_create_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackCreateReq"
              },
              "example": {
                "project_id": "acme/support-bot",
                "weave_ref": "weave:///acme/support-bot/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                "feedback_type": "wandb.runnable.helpfulness",
                "payload": {
                  "output": {
                    "score": 0.82,
                    "passed": true,
                    "label": "helpful"
                  }
                },
                "runnable_ref": "weave:///acme/support-bot/op/helpfulness:9f8e7d6c",
                "call_ref": "weave:///acme/support-bot/call/0193a1b2-8d5e-7f90-a1b2-c3d4e5f6a7b8",
                "scorer_tags": [
                  "helpful"
                ],
                "scorer_tag_reasons": {
                  "helpful": "Answers the question directly"
                },
                "scorer_tag_confidences": {
                  "helpful": 0.91
                },
                "scorer_ratings": {
                  "_rating_": 0.82
                },
                "scorer_rating_reasons": {
                  "_rating_": "Correct and concise"
                },
                "scorer_rating_confidences": {
                  "_rating_": 0.88
                },
                "span_agent_name": "support-agent",
                "span_agent_version": "1.4.0",
                "span_status_code": "OK"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackCreateRes"
                },
                "example": {
                  "id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9",
                  "created_at": "2024-03-10T14:03:27.512Z",
                  "wb_user_id": "alice",
                  "payload": {
                    "output": {
                      "score": 0.82,
                      "passed": true,
                      "label": "helpful"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/feedback/batch/create": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Create Batch",
        "description": "Store up to 1,000 feedback rows in one request and one transaction (Weave's `/feedback/batch/create`). Each item follows every rule and limit of `/feedback/create`, client `id`s included: an item whose `id` is stored with the same content is answered with the stored row, with other content it is a 409 (as is an `id` repeated inside the batch with other content). By default the batch is atomic, as in Weave: the first item that breaks a rule (in input order; then the first `id` conflict) refuses the whole batch with that item's status, its `reason` starting `batch[<index>]:` (a 422's `loc` `[\"body\", \"batch\", <index>, …]`), and nothing is written. `atomic: false` (our extension) writes the good items and answers each bad one in its own slot. The body may be up to 8 MiB (`FEEDBACK_BATCH_BODY_LIMIT_BYTES`), four times the limit of the other endpoints; each `payload` is still at most 1 MiB. Needs the `ingest` scope.",
        "operationId": "feedback_create_batch_feedback_batch_create_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackCreateBatchReq"
              },
              "examples": {
                "atomic": {
                  "summary": "Two rows, all or nothing (Weave's shape)",
                  "value": {
                    "batch": [
                      {
                        "project_id": "acme/support-bot",
                        "weave_ref": "weave:///acme/support-bot/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                        "feedback_type": "wandb.runnable.helpfulness",
                        "runnable_ref": "weave:///acme/support-bot/object/helpfulness:9f8e7d6c",
                        "payload": {
                          "output": {
                            "score": 0.82,
                            "passed": true
                          }
                        },
                        "scorer_tags": [
                          "helpful"
                        ],
                        "scorer_ratings": {
                          "_rating_": 0.82
                        },
                        "id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9"
                      },
                      {
                        "project_id": "acme/support-bot",
                        "weave_ref": "weave:///acme/support-bot/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                        "feedback_type": "wandb.note.1",
                        "payload": {
                          "note": "Cites the right passage"
                        },
                        "id": "0193a1b2-9e6f-7a02-8d1e-2f3a4b5c6d7e"
                      }
                    ]
                  }
                },
                "perItem": {
                  "summary": "The same rows, each item on its own",
                  "value": {
                    "batch": [
                      {
                        "project_id": "acme/support-bot",
                        "weave_ref": "weave:///acme/support-bot/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                        "feedback_type": "wandb.runnable.helpfulness",
                        "runnable_ref": "weave:///acme/support-bot/object/helpfulness:9f8e7d6c",
                        "payload": {
                          "output": {
                            "score": 0.82,
                            "passed": true
                          }
                        },
                        "scorer_tags": [
                          "helpful"
                        ],
                        "scorer_ratings": {
                          "_rating_": 0.82
                        },
                        "id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9"
                      },
                      {
                        "project_id": "acme/support-bot",
                        "weave_ref": "weave:///acme/support-bot/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                        "feedback_type": "wandb.note.1",
                        "payload": {
                          "note": "Cites the right passage"
                        },
                        "id": "0193a1b2-9e6f-7a02-8d1e-2f3a4b5c6d7e"
                      }
                    ],
                    "atomic": false
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response: every row is durably committed (with `atomic: false`, every row whose slot is not an error).",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackCreateBatchRes"
                },
                "examples": {
                  "atomic": {
                    "summary": "Every item created (the default, atomic)",
                    "value": {
                      "res": [
                        {
                          "id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9",
                          "created_at": "2024-03-10T14:03:27.512Z",
                          "wb_user_id": "alice",
                          "payload": {
                            "output": {
                              "score": 0.82,
                              "passed": true
                            }
                          }
                        },
                        {
                          "id": "0193a1b2-9e6f-7a02-8d1e-2f3a4b5c6d7e",
                          "created_at": "2024-03-10T14:03:27.512Z",
                          "wb_user_id": "alice",
                          "payload": {
                            "note": "Cites the right passage"
                          }
                        }
                      ]
                    }
                  },
                  "perItem": {
                    "summary": "atomic: false, the second item's id was stored with other content",
                    "value": {
                      "res": [
                        {
                          "id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9",
                          "created_at": "2024-03-10T14:03:27.512Z",
                          "wb_user_id": "alice",
                          "payload": {
                            "output": {
                              "score": 0.82,
                              "passed": true
                            }
                          }
                        },
                        {
                          "error": {
                            "status": 409,
                            "reason": "batch[1]: Feedback id 0193a1b2-9e6f-7a02-8d1e-2f3a4b5c6d7e already exists in acme/support-bot with different content",
                            "error_type": "Conflict"
                          }
                        }
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/feedback/stats": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Stats",
        "description": "Return aggregated feedback statistics over time buckets aligned to local wall-clock time in `timezone`.",
        "operationId": "feedback_stats_feedback_stats_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackStatsReq"
              },
              "example": {
                "project_id": "acme/support-bot",
                "start": "2024-03-09T05:00:00Z",
                "end": "2024-03-12T04:00:00Z",
                "granularity": 86400,
                "timezone": "America/New_York",
                "feedback_type": "wandb.runnable.helpfulness",
                "metrics": [
                  {
                    "json_path": "output.score",
                    "value_type": "numeric",
                    "aggregations": [
                      "avg",
                      "max"
                    ],
                    "percentiles": [
                      95
                    ]
                  },
                  {
                    "json_path": "output.passed",
                    "value_type": "boolean",
                    "aggregations": [],
                    "percentiles": []
                  }
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackStatsRes"
                },
                "example": {
                  "start": "2024-03-09T05:00:00.000Z",
                  "end": "2024-03-12T04:00:00.000Z",
                  "granularity": 86400,
                  "timezone": "America/New_York",
                  "buckets": [
                    {
                      "timestamp": "2024-03-09T00:00:00-05:00",
                      "avg_output_score": 0.71,
                      "max_output_score": 0.98,
                      "p95_output_score": 0.95,
                      "count_true_output_passed": 31,
                      "count_false_output_passed": 9,
                      "count": 40
                    },
                    {
                      "timestamp": "2024-03-10T00:00:00-05:00",
                      "avg_output_score": 0.76,
                      "max_output_score": 0.99,
                      "p95_output_score": 0.97,
                      "count_true_output_passed": 20,
                      "count_false_output_passed": 3,
                      "count": 23
                    },
                    {
                      "timestamp": "2024-03-11T00:00:00-04:00",
                      "avg_output_score": null,
                      "max_output_score": null,
                      "p95_output_score": null,
                      "count_true_output_passed": 0,
                      "count_false_output_passed": 0,
                      "count": 0
                    }
                  ],
                  "window_stats": {
                    "output_score": {
                      "avg": 0.7283,
                      "max": 0.99,
                      "p95": 0.96
                    },
                    "output_passed": {
                      "count_true": 51,
                      "count_false": 12
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          },
          "504": {
            "$ref": "#/components/responses/QueryTimeout"
          }
        }
      }
    },
    "/feedback/aggregate": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Aggregate",
        "description": "Aggregate typed scorer feedback (tags, ratings) over time buckets.",
        "operationId": "feedback_aggregate_feedback_aggregate_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackAggregateReq"
              },
              "example": {
                "project_id": "acme/support-bot",
                "after_ms": 1710028800000,
                "before_ms": 1710036000000,
                "time_bucket_seconds": 3600,
                "feedback_types": [
                  "wandb.runnable.*"
                ],
                "rating_min": 0.5,
                "group_by": [
                  "scorer_id"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackAggregateRes"
                },
                "example": {
                  "after_ms": 1710028800000,
                  "before_ms": 1710036000000,
                  "time_bucket_seconds": 3600,
                  "buckets": [
                    {
                      "time_bucket_start_ms": 1710028800000,
                      "group": {
                        "scorer_id": "helpfulness"
                      },
                      "total_count": 12,
                      "scored_count": 12,
                      "tag_counts": {
                        "helpful": 9
                      },
                      "rating_counts": {
                        "_rating_": 12
                      },
                      "rating_sums": {
                        "_rating_": 9.42
                      }
                    },
                    {
                      "time_bucket_start_ms": 1710032400000,
                      "group": {
                        "scorer_id": "helpfulness"
                      },
                      "total_count": 7,
                      "scored_count": 7,
                      "tag_counts": {
                        "helpful": 5,
                        "off_topic": 1
                      },
                      "rating_counts": {
                        "_rating_": 7
                      },
                      "rating_sums": {
                        "_rating_": 5.11
                      }
                    }
                  ]
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          },
          "504": {
            "$ref": "#/components/responses/QueryTimeout"
          }
        }
      }
    },
    "/healthz": {
      "get": {
        "tags": [
          "Operations"
        ],
        "summary": "Liveness",
        "description": "The process is up. Does not touch the database.",
        "operationId": "healthz",
        "security": [],
        "responses": {
          "200": {
            "description": "Alive",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthRes"
                },
                "example": {
                  "status": "ok"
                }
              }
            }
          }
        }
      }
    },
    "/readyz": {
      "get": {
        "tags": [
          "Operations"
        ],
        "summary": "Readiness",
        "description": "The database is reachable and migrated.",
        "operationId": "readyz",
        "security": [],
        "responses": {
          "200": {
            "description": "Ready",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/HealthRes"
                },
                "example": {
                  "status": "ready"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/feedback/replace": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Replace",
        "description": "Replace one row: the new body is checked with every create rule first (a rejected body changes nothing), then the row `feedback_id` is deleted and the new one written in one transaction. The new row gets a new id and `created_at` unless `id` is given. Unknown `feedback_id`: 404 (Weave would create the row). Needs the `ingest` scope.",
        "operationId": "feedback_replace_feedback_replace_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackReplaceReq"
              },
              "example": {
                "project_id": "acme/support-bot",
                "feedback_id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9",
                "weave_ref": "weave:///acme/support-bot/call/0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b",
                "feedback_type": "wandb.note.1",
                "payload": {
                  "note": "Correct after all: the refund window changed in May."
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackReplaceRes"
                },
                "example": {
                  "id": "0193a1c4-2b7d-7c10-8e2f-3a4b5c6d7e8f",
                  "created_at": "2024-03-11T09:15:02.204Z",
                  "wb_user_id": "alice",
                  "payload": {
                    "note": "Correct after all: the refund window changed in May."
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/feedback/purge": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Purge",
        "description": "Permanently delete feedback of one project, by id (Weave's `query`: id equality or an `$or` of them; anything else is a 400) or by filter (`where`: time range, feedback type, user; our extension). Answers the number deleted; statistics reflect it at once. Needs both the `ingest` and the `read` scope: a write-only key (a widget's) may not delete.",
        "operationId": "feedback_purge_feedback_purge_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackPurgeReq"
              },
              "examples": {
                "by_ids": {
                  "summary": "By id (Weave's form)",
                  "value": {
                    "project_id": "acme/support-bot",
                    "query": {
                      "$expr": {
                        "$or": [
                          {
                            "$eq": [
                              {
                                "$getField": "id"
                              },
                              {
                                "$literal": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9"
                              }
                            ]
                          },
                          {
                            "$eq": [
                              {
                                "$getField": "id"
                              },
                              {
                                "$literal": "0193a1b3-0a1b-7c2d-8e3f-4a5b6c7d8e9f"
                              }
                            ]
                          }
                        ]
                      }
                    }
                  }
                },
                "by_filter": {
                  "summary": "By filter (retention, deletion request)",
                  "value": {
                    "project_id": "acme/support-bot",
                    "where": {
                      "created_before": "2024-01-01T00:00:00Z",
                      "wb_user_id": "alice"
                    }
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackPurgeRes"
                },
                "example": {
                  "num_deleted": 2
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/feedback/payload_schema": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Payload Schema",
        "description": "The payload paths of a project's feedback and the JSON types of their values, to offer as stats metrics. Exact over the newest `max_rows` matching rows (default 1,000, at most 10,000); `complete` says whether those were all. Not a Weave endpoint. Needs the `read` scope.",
        "operationId": "feedback_payload_schema_feedback_payload_schema_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackPayloadSchemaReq"
              },
              "example": {
                "project_id": "acme/support-bot",
                "feedback_type": "wandb.runnable.helpfulness",
                "start": "2024-03-09T00:00:00Z",
                "max_rows": 1000
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackPayloadSchemaRes"
                },
                "example": {
                  "paths": [
                    {
                      "path": "output",
                      "count": 412,
                      "types": {
                        "object": 412
                      }
                    },
                    {
                      "path": "output.passed",
                      "count": 398,
                      "types": {
                        "boolean": 398
                      }
                    },
                    {
                      "path": "output.reason",
                      "count": 120,
                      "types": {
                        "string": 118,
                        "null": 2
                      }
                    },
                    {
                      "path": "output.score",
                      "count": 412,
                      "types": {
                        "number": 410,
                        "null": 2
                      }
                    }
                  ],
                  "rows_examined": 412,
                  "complete": true,
                  "oldest_examined_at": "2024-03-09T05:12:44.120Z",
                  "paths_truncated": false,
                  "skipped_keys": 0
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          },
          "504": {
            "$ref": "#/components/responses/QueryTimeout"
          }
        }
      }
    },
    "/feedback/query": {
      "post": {
        "tags": [
          "Feedback"
        ],
        "summary": "Feedback Query",
        "description": "Query feedback rows of a project: a Weave query expression over columns and payload paths, `fields`, `sort_by`, `limit`, `offset`, and a keyset `cursor` (our extension) for paging through millions of rows. Needs the `read` scope.",
        "operationId": "feedback_query_feedback_query_post",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/FeedbackQueryReq"
              },
              "example": {
                "project_id": "acme/support-bot",
                "fields": [
                  "id",
                  "created_at",
                  "feedback_type",
                  "payload.output.score"
                ],
                "query": {
                  "$expr": {
                    "$and": [
                      {
                        "$eq": [
                          {
                            "$getField": "feedback_type"
                          },
                          {
                            "$literal": "wandb.runnable.helpfulness"
                          }
                        ]
                      },
                      {
                        "$gte": [
                          {
                            "$getField": "payload.output.score"
                          },
                          {
                            "$literal": 0.8
                          }
                        ]
                      }
                    ]
                  }
                },
                "sort_by": [
                  {
                    "field": "created_at",
                    "direction": "desc"
                  }
                ],
                "limit": 2
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Successful Response",
            "headers": {
              "X-Request-Id": {
                "$ref": "#/components/headers/X-Request-Id"
              },
              "RateLimit-Policy": {
                "$ref": "#/components/headers/RateLimit-Policy"
              },
              "RateLimit": {
                "$ref": "#/components/headers/RateLimit"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/FeedbackQueryRes"
                },
                "example": {
                  "result": [
                    {
                      "id": "0193a1b3-0c4d-7e8f-9a0b-1c2d3e4f5a6b",
                      "created_at": "2024-03-10T14:05:11.204Z",
                      "feedback_type": "wandb.runnable.helpfulness",
                      "payload.output.score": 0.91
                    },
                    {
                      "id": "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9",
                      "created_at": "2024-03-10T14:03:27.512Z",
                      "feedback_type": "wandb.runnable.helpfulness",
                      "payload.output.score": 0.82
                    }
                  ],
                  "next_cursor": "eyJ2IjoxLCJzIjpbWyJjcmVhdGVkX2F0IiwiZGVzYyJdXSwiayI6WzE3MTAwNzk0MDc1MTIsIjAxOTNhMWIyLTllNmYtN2EwMS1iMmMzLWQ0ZTVmNmE3YjhjOSJdfQ"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "403": {
            "$ref": "#/components/responses/Forbidden"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "415": {
            "$ref": "#/components/responses/UnsupportedMediaType"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "429": {
            "$ref": "#/components/responses/TooManyRequests"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          },
          "504": {
            "$ref": "#/components/responses/QueryTimeout"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "HTTPBasic": {
        "type": "http",
        "scheme": "basic",
        "description": "Username `api`, password = an API key. A key has scopes: `ingest` allows `/feedback/create`, `/feedback/batch/create` and `/feedback/replace`; `read` allows `/feedback/stats`, `/feedback/aggregate`, `/feedback/query` and `/feedback/payload_schema`; `/feedback/purge` needs both, so a public ingest-only key can add feedback but never delete it."
      }
    },
    "headers": {
      "X-Request-Id": {
        "description": "Identifier of this request, echoed from the request header or generated; it appears in the server log.",
        "schema": {
          "type": "string"
        }
      },
      "WWW-Authenticate": {
        "description": "Authentication scheme to use.",
        "schema": {
          "type": "string",
          "examples": [
            "Basic realm=\"feedback\""
          ]
        }
      },
      "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {
          "type": "integer",
          "examples": [
            1
          ]
        }
      },
      "RateLimit-Policy": {
        "description": "The limit that applied (IETF draft-ietf-httpapi-ratelimit-headers): `<limit>;w=<window seconds>`.",
        "schema": {
          "type": "string",
          "examples": [
            "600;w=60"
          ]
        }
      },
      "RateLimit": {
        "description": "What is left of that limit (IETF draft-ietf-httpapi-ratelimit-headers): `limit=<n>, remaining=<n>, reset=<seconds>`.",
        "schema": {
          "type": "string",
          "examples": [
            "limit=600, remaining=0, reset=12"
          ]
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The body is well-formed but breaks a rule of the API (`error_type` InvalidRequest).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "Unknown time zone: Mars/Olympus_Mons",
              "error_type": "InvalidRequest"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "Missing or wrong credentials, or a key that has expired or was revoked.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "WWW-Authenticate": {
            "$ref": "#/components/headers/WWW-Authenticate"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "Missing or invalid credentials",
              "error_type": "Unauthorized"
            }
          }
        }
      },
      "Forbidden": {
        "description": "The key lacks the scope this operation needs (`ingest` for create, batch create and replace; `read` for stats, aggregate, query and payload_schema; both for purge), or does not grant this project.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "This key does not grant access to project acme/support-bot",
              "error_type": "Forbidden"
            }
          }
        }
      },
      "Conflict": {
        "description": "The client-supplied `id` already exists with different content.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "Feedback id 0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9 already exists with different content",
              "error_type": "Conflict"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The body, or its `payload`, is over the size limit (1 MiB).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "payload is 1310720 bytes; the limit is 1048576",
              "error_type": "PayloadTooLarge"
            }
          }
        }
      },
      "UnsupportedMediaType": {
        "description": "The body is not `application/json`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "Send the body as application/json",
              "error_type": "UnsupportedMediaType"
            }
          }
        }
      },
      "ValidationFailed": {
        "description": "The body fails the schema or a cross-field rule.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/HTTPValidationError"
            },
            "example": {
              "detail": [
                {
                  "loc": [
                    "body",
                    "project_id"
                  ],
                  "msg": "Field required",
                  "type": "missing"
                }
              ]
            }
          }
        }
      },
      "ServiceUnavailable": {
        "description": "The database is unreachable, or the server is shedding load (its create queue is full). Retryable after `Retry-After`.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "The database is unavailable; retry later",
              "error_type": "ServiceUnavailable"
            }
          }
        }
      },
      "TooManyRequests": {
        "description": "The caller (its API key, or its address before a key is known) sent more requests than its rate limit allows. Retry after `Retry-After` seconds.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          },
          "Retry-After": {
            "$ref": "#/components/headers/Retry-After"
          },
          "RateLimit-Policy": {
            "$ref": "#/components/headers/RateLimit-Policy"
          },
          "RateLimit": {
            "$ref": "#/components/headers/RateLimit"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "Rate limit of 600 requests per 60 s for this API key exceeded; retry in 12 s",
              "error_type": "RateLimited"
            }
          }
        }
      },
      "QueryTimeout": {
        "description": "The query ran past the server's statement timeout. Repeating it unchanged will time out again, so there is no `Retry-After`: narrow the window, use a coarser granularity or fewer metrics and percentiles.",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "The query ran past the statement timeout (15000 ms): narrow the window, use a coarser granularity, or ask for fewer metrics and percentiles",
              "error_type": "QueryTimeout"
            }
          }
        }
      },
      "NotFound": {
        "description": "The row named does not exist in this project (`error_type` NotFound).",
        "headers": {
          "X-Request-Id": {
            "$ref": "#/components/headers/X-Request-Id"
          }
        },
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/ErrorResponse"
            },
            "example": {
              "reason": "No feedback 0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9 in project acme/support-bot",
              "error_type": "NotFound"
            }
          }
        }
      }
    },
    "schemas": {
      "FeedbackCreateReq": {
        "type": "object",
        "title": "FeedbackCreateReq",
        "additionalProperties": false,
        "required": [
          "project_id",
          "weave_ref",
          "feedback_type",
          "payload"
        ],
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "weave_ref": {
            "type": "string",
            "maxLength": 2048,
            "title": "Weave Ref",
            "description": "The object or call this feedback is about.",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "feedback_type": {
            "type": "string",
            "maxLength": 256,
            "title": "Feedback Type",
            "description": "Kind of feedback: `wandb.annotation.<name>`, `wandb.runnable.<name>`, `wandb.agent_monitor`, `wandb.agent_user_feedback`, `wandb.note.1`, `wandb.reaction.1`, or any custom type.",
            "examples": [
              "custom"
            ]
          },
          "payload": {
            "type": "object",
            "title": "Payload",
            "additionalProperties": true,
            "description": "Free-form JSON object, at most 1 MiB serialized.",
            "examples": [
              {
                "key": "value"
              }
            ]
          },
          "id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 128
              },
              {
                "type": "null"
              }
            ],
            "title": "Id",
            "description": "If provided by the client, this ID will be used for the feedback row instead of a server-generated one.",
            "examples": [
              "018f1f2a-9c2b-7d3e-b5a1-8c9d2e4f6a7b"
            ]
          },
          "creator": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Creator",
            "examples": [
              "Jane Smith"
            ]
          },
          "annotation_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Annotation Ref",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "runnable_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Runnable Ref",
            "examples": [
              "weave:///entity/project/op/name:digest"
            ]
          },
          "call_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Call Ref",
            "examples": [
              "weave:///entity/project/call/call_id"
            ]
          },
          "trigger_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Trigger Ref",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "queue_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 128
              },
              {
                "type": "null"
              }
            ],
            "title": "Queue Id",
            "description": "The annotation queue ID this feedback was created from. References annotation_queues.id. NULL when feedback is created outside of queues.",
            "examples": [
              "018f1f2a-9c2b-7d3e-b5a1-8c9d2e4f6a7b"
            ]
          },
          "scorer_tags": {
            "type": "array",
            "maxItems": 256,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Scorer Tags",
            "description": "Tags applied to the ref by a scorer",
            "examples": [
              [
                "nsfw",
                "high-quality"
              ]
            ]
          },
          "scorer_tag_reasons": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 8192
            },
            "title": "Scorer Tag Reasons",
            "description": "reason text per tag, keyed by tag name",
            "examples": [
              {
                "nsfw": "Contains explicit language"
              }
            ]
          },
          "scorer_tag_confidences": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Tag Confidences",
            "description": "confidence (0-1) per tag, keyed by tag name",
            "examples": [
              {
                "nsfw": 0.92
              }
            ]
          },
          "scorer_ratings": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Ratings",
            "description": "numeric ratings (0-1) keyed by rating name",
            "examples": [
              {
                "_rating_": 0.87
              }
            ]
          },
          "scorer_rating_reasons": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 8192
            },
            "title": "Scorer Rating Reasons",
            "description": "reason text per rating, keyed by rating name",
            "examples": [
              {
                "_rating_": "very confident response"
              }
            ]
          },
          "scorer_rating_confidences": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Rating Confidences",
            "description": "confidence (0-1) per rating, keyed by rating name",
            "examples": [
              {
                "_rating_": 0.92
              }
            ]
          },
          "wb_user_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Wb User Id",
            "description": "Do not set directly. Server will automatically populate this field."
          },
          "span_agent_name": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Agent Name",
            "default": "",
            "description": "Name of the agent that produced the span."
          },
          "span_agent_version": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Agent Version",
            "default": "",
            "description": "Version of the agent that produced the span."
          },
          "span_status_code": {
            "$ref": "#/components/schemas/SpanStatusCode"
          },
          "span_conversation_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Conversation Id",
            "default": "",
            "description": "Conversation the span belongs to; filled from an `agent_conversation` weave_ref when empty."
          },
          "span_trace_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Trace Id",
            "default": "",
            "description": "Trace the span belongs to; filled from an `agent_turn` weave_ref when empty."
          },
          "scorer_trace_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Scorer Trace Id",
            "default": "",
            "description": "Trace of the scorer run that produced this feedback."
          }
        }
      },
      "SpanStatusCode": {
        "type": "string",
        "enum": [
          "UNSET",
          "OK",
          "ERROR"
        ],
        "default": "UNSET",
        "title": "Span Status Code",
        "description": "OpenTelemetry status of the span."
      },
      "FeedbackCreateRes": {
        "type": "object",
        "title": "FeedbackCreateRes",
        "required": [
          "id",
          "created_at",
          "wb_user_id",
          "payload"
        ],
        "properties": {
          "id": {
            "type": "string",
            "title": "Id"
          },
          "created_at": {
            "type": "string",
            "format": "date-time",
            "title": "Created At"
          },
          "wb_user_id": {
            "type": "string",
            "title": "Wb User Id"
          },
          "payload": {
            "type": "object",
            "additionalProperties": true,
            "title": "Payload",
            "description": "The payload as stored (reactions gain `alias`, `detoned` and `detoned_alias`)."
          }
        }
      },
      "FeedbackStatsReq": {
        "type": "object",
        "title": "FeedbackStatsReq",
        "additionalProperties": false,
        "required": [
          "project_id",
          "start"
        ],
        "description": "Request for aggregated feedback statistics over time buckets.",
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "start": {
            "type": "string",
            "format": "date-time",
            "maxLength": 64,
            "title": "Start",
            "description": "Inclusive start time (UTC, ISO 8601)."
          },
          "end": {
            "anyOf": [
              {
                "type": "string",
                "format": "date-time",
                "maxLength": 64
              },
              {
                "type": "null"
              }
            ],
            "title": "End",
            "description": "Exclusive end time (UTC, ISO 8601). Defaults to now if omitted. At most 31 days after `start`."
          },
          "feedback_type": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Feedback Type",
            "description": "Filter by feedback_type."
          },
          "trigger_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Trigger Ref",
            "description": "Filter by trigger_ref (exact or prefix match for all-versions)."
          },
          "granularity": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 315569520000
              },
              {
                "type": "null"
              }
            ],
            "title": "Granularity",
            "description": "Bucket size in seconds. If omitted, auto-selected based on time range."
          },
          "timezone": {
            "type": "string",
            "maxLength": 64,
            "title": "Timezone",
            "description": "IANA timezone for bucket alignment.",
            "default": "UTC"
          },
          "metrics": {
            "type": "array",
            "maxItems": 50,
            "items": {
              "$ref": "#/components/schemas/FeedbackMetricSpec"
            },
            "title": "Metrics",
            "description": "Metrics to aggregate from payload_dump."
          }
        }
      },
      "FeedbackMetricSpec": {
        "type": "object",
        "title": "FeedbackMetricSpec",
        "additionalProperties": false,
        "required": [
          "json_path"
        ],
        "description": "Specification for a feedback payload metric to aggregate.",
        "properties": {
          "json_path": {
            "type": "string",
            "maxLength": 256,
            "title": "Json Path",
            "description": "Dot path into payload_dump (e.g. 'output', 'output.score')."
          },
          "value_type": {
            "type": "string",
            "enum": [
              "numeric",
              "boolean",
              "categorical"
            ],
            "title": "Value Type",
            "description": "Type of value at path. numeric: avg/min/max; boolean: count_true/count_false.",
            "default": "numeric"
          },
          "aggregations": {
            "type": "array",
            "maxItems": 7,
            "items": {
              "$ref": "#/components/schemas/AggregationType"
            },
            "title": "Aggregations",
            "description": "Aggregation functions to compute. If empty, defaults are chosen based on value_type: numeric->avg/min/max, boolean->count_true/count_false."
          },
          "percentiles": {
            "type": "array",
            "maxItems": 20,
            "items": {
              "type": "number"
            },
            "title": "Percentiles",
            "description": "Percentile values to compute (0–100), e.g. [5, 50, 95]. Only applicable for numeric value_type fields; ignored for boolean/categorical."
          },
          "top_values": {
            "type": "integer",
            "minimum": 1,
            "maximum": 50,
            "title": "Top Values",
            "description": "Our extension (Weave has no such field), for categorical metrics only (on another value_type a 400): count the N most frequent values over the whole window, per bucket and in total, plus the count of every other present value. The answer's `top_values` then holds this metric's counts under its slug. Omitted: no counts, the answer exactly as without the extension."
          }
        }
      },
      "AggregationType": {
        "type": "string",
        "enum": [
          "sum",
          "avg",
          "min",
          "max",
          "count",
          "count_true",
          "count_false"
        ],
        "title": "AggregationType",
        "description": "Aggregation functions supported by feedback and call stats metrics."
      },
      "StatsValue": {
        "anyOf": [
          {
            "type": "number"
          },
          {
            "type": "string"
          },
          {
            "type": "null"
          }
        ],
        "title": "Stats Value",
        "description": "A number, a string (lexicographic min/max of a categorical metric), or null when no value is present."
      },
      "FeedbackStatsBucket": {
        "type": "object",
        "title": "FeedbackStatsBucket",
        "required": [
          "timestamp",
          "count"
        ],
        "description": "One time bucket: 'timestamp', '{agg}_{slug}' and '{pN}_{slug}' keys per metric, and 'count'.",
        "properties": {
          "timestamp": {
            "type": "string",
            "format": "date-time",
            "description": "Bucket start, with the offset of `timezone` at that instant."
          },
          "count": {
            "type": "integer",
            "minimum": 0,
            "description": "Rows in the bucket after filters."
          }
        },
        "additionalProperties": {
          "$ref": "#/components/schemas/StatsValue"
        }
      },
      "FeedbackStatsRes": {
        "type": "object",
        "title": "FeedbackStatsRes",
        "required": [
          "start",
          "end",
          "granularity",
          "timezone"
        ],
        "description": "Response with time-series feedback statistics.",
        "properties": {
          "start": {
            "type": "string",
            "format": "date-time",
            "title": "Start",
            "description": "Resolved start time (always UTC, regardless of the requested timezone)."
          },
          "end": {
            "type": "string",
            "format": "date-time",
            "title": "End",
            "description": "Resolved end time (always UTC, regardless of the requested timezone)."
          },
          "granularity": {
            "type": "integer",
            "title": "Granularity",
            "description": "Bucket size used (in seconds)"
          },
          "timezone": {
            "type": "string",
            "title": "Timezone",
            "description": "Timezone used for bucket alignment"
          },
          "buckets": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FeedbackStatsBucket"
            },
            "title": "Buckets",
            "description": "Time-bucketed aggregations. Each dict has 'timestamp' (ISO string), 'count' (int), and '{agg}_{slug}' keys for each requested metric+aggregation."
          },
          "window_stats": {
            "anyOf": [
              {
                "type": "object",
                "additionalProperties": {
                  "type": "object",
                  "additionalProperties": {
                    "$ref": "#/components/schemas/StatsValue"
                  }
                }
              },
              {
                "type": "null"
              }
            ],
            "title": "Window Stats",
            "description": "Aggregations over the full query window, keyed by metric slug (e.g. 'output_score'). Each value maps agg name to result."
          },
          "top_values": {
            "type": "object",
            "additionalProperties": {
              "$ref": "#/components/schemas/StatsTopValues"
            },
            "title": "Top Values",
            "description": "Our extension, present only when a metric asked for `top_values`: per slug of such a metric (in request order), its most frequent values over the window and their counts per bucket and in total."
          }
        }
      },
      "FeedbackAggregateReq": {
        "type": "object",
        "title": "FeedbackAggregateReq",
        "additionalProperties": false,
        "required": [
          "project_id",
          "after_ms",
          "before_ms"
        ],
        "description": "Query for aggregate scores by time bucket and dimension.",
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "after_ms": {
            "type": "integer",
            "minimum": 0,
            "maximum": 253402300799999,
            "title": "After Ms",
            "description": "Inclusive lower bound on created_at (milliseconds since epoch)."
          },
          "before_ms": {
            "type": "integer",
            "minimum": 0,
            "maximum": 253402300799999,
            "title": "Before Ms",
            "description": "Exclusive upper bound on created_at (milliseconds since epoch)."
          },
          "time_bucket_seconds": {
            "anyOf": [
              {
                "type": "integer",
                "exclusiveMinimum": 0,
                "maximum": 315569520000
              },
              {
                "type": "null"
              }
            ],
            "title": "Time Bucket Seconds",
            "description": "Time bucket size in seconds, e.g. 3600 for 1h buckets"
          },
          "feedback_types": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Feedback Types",
            "description": "Filter on feedback_type by prefix"
          },
          "tags": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Tags",
            "description": "Filter to feedback that includes any of the given tags"
          },
          "rating_min": {
            "anyOf": [
              {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              {
                "type": "null"
              }
            ],
            "title": "Rating Min",
            "description": "Include only rows with a rating >= this value"
          },
          "rating_max": {
            "anyOf": [
              {
                "type": "number",
                "minimum": 0,
                "maximum": 1
              },
              {
                "type": "null"
              }
            ],
            "title": "Rating Max",
            "description": "Include only rows with a rating <= this value"
          },
          "monitor_ids": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Monitor Ids",
            "description": "Filter to these monitor ids (exact match; suffix with '*' for prefix match)."
          },
          "scorer_ids": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Scorer Ids",
            "description": "Filter to these scorer ids (exact match; suffix with '*' for prefix match)."
          },
          "span_agent_names": {
            "type": "array",
            "maxItems": 100,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Span Agent Names",
            "description": "Filter to feedback whose span_agent_name matches any of these (exact)."
          },
          "span_types": {
            "type": "array",
            "maxItems": 2,
            "items": {
              "type": "string",
              "enum": [
                "agent_turn",
                "agent_conversation"
              ]
            },
            "title": "Span Types",
            "description": "Filter by span type (turn vs conversation)."
          },
          "group_by": {
            "type": "array",
            "maxItems": 4,
            "items": {
              "type": "string",
              "enum": [
                "scorer_id",
                "span_agent_name",
                "span_agent_version",
                "span_status_code"
              ]
            },
            "title": "Group By",
            "description": "Allowed: ['scorer_id', 'span_agent_name', 'span_agent_version', 'span_status_code']."
          }
        }
      },
      "FeedbackAggregateRes": {
        "type": "object",
        "title": "FeedbackAggregateRes",
        "required": [
          "after_ms",
          "before_ms"
        ],
        "description": "Sparse time-series of aggregated scorer feedback (empty buckets omitted).",
        "properties": {
          "time_bucket_seconds": {
            "anyOf": [
              {
                "type": "integer"
              },
              {
                "type": "null"
              }
            ],
            "title": "Time Bucket Seconds",
            "description": "Time bucket size used (seconds). None when unbucketed."
          },
          "after_ms": {
            "type": "integer",
            "title": "After Ms",
            "description": "Resolved inclusive lower bound, unix epoch ms (UTC)."
          },
          "before_ms": {
            "type": "integer",
            "title": "Before Ms",
            "description": "Resolved exclusive upper bound, unix epoch ms (UTC)."
          },
          "buckets": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FeedbackAggregateBucket"
            },
            "title": "Buckets"
          }
        }
      },
      "FeedbackAggregateBucket": {
        "type": "object",
        "title": "FeedbackAggregateBucket",
        "required": [
          "total_count",
          "scored_count"
        ],
        "description": "One (time bucket, group) row of aggregated scorer feedback.",
        "properties": {
          "time_bucket_start_ms": {
            "anyOf": [
              {
                "type": "integer"
              },
              {
                "type": "null"
              }
            ],
            "title": "Time Bucket Start Ms",
            "description": "Time bucket start, unix epoch ms (UTC). None when unbucketed."
          },
          "group": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            },
            "title": "Group",
            "description": "Group-by dimension values for this row (e.g. {'scorer_id': '...'})."
          },
          "total_count": {
            "type": "integer",
            "title": "Total Count",
            "description": "Number of feedback rows in this bucket/group."
          },
          "scored_count": {
            "type": "integer",
            "title": "Scored Count",
            "description": "Rows that emitted a score (at least one tag or rating). Excludes agent-monitor rows that scored nothing — use this for score volume."
          },
          "tag_counts": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            },
            "title": "Tag Counts",
            "description": "Count of each scorer tag."
          },
          "rating_counts": {
            "type": "object",
            "additionalProperties": {
              "type": "integer"
            },
            "title": "Rating Counts",
            "description": "Number of rows carrying each rating key (e.g. '_rating_')."
          },
          "rating_sums": {
            "type": "object",
            "additionalProperties": {
              "type": "number"
            },
            "title": "Rating Sums",
            "description": "Sum of each rating key's values; client derives avg = sum/count."
          }
        }
      },
      "HTTPValidationError": {
        "type": "object",
        "title": "HTTPValidationError",
        "properties": {
          "detail": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/ValidationError"
            },
            "title": "Detail"
          }
        }
      },
      "ValidationError": {
        "type": "object",
        "title": "ValidationError",
        "required": [
          "loc",
          "msg",
          "type"
        ],
        "properties": {
          "loc": {
            "type": "array",
            "items": {
              "anyOf": [
                {
                  "type": "string"
                },
                {
                  "type": "integer"
                }
              ]
            },
            "title": "Location"
          },
          "msg": {
            "type": "string",
            "title": "Message"
          },
          "type": {
            "type": "string",
            "title": "Error Type"
          }
        }
      },
      "ErrorResponse": {
        "type": "object",
        "title": "ErrorResponse",
        "required": [
          "reason",
          "error_type"
        ],
        "additionalProperties": false,
        "description": "Every error other than 422.",
        "properties": {
          "reason": {
            "type": "string",
            "description": "A sentence saying what is wrong."
          },
          "error_type": {
            "type": "string",
            "enum": [
              "InvalidRequest",
              "Unauthorized",
              "Forbidden",
              "NotFound",
              "Conflict",
              "PayloadTooLarge",
              "UnsupportedMediaType",
              "RateLimited",
              "QueryTimeout",
              "ServiceUnavailable",
              "InternalError"
            ],
            "description": "Machine-readable class of the error (InternalError only for a server bug, never expected)."
          }
        }
      },
      "HealthRes": {
        "type": "object",
        "title": "HealthRes",
        "required": [
          "status"
        ],
        "additionalProperties": false,
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok",
              "ready"
            ]
          }
        }
      },
      "FeedbackCreateBatchReq": {
        "type": "object",
        "title": "FeedbackCreateBatchReq",
        "additionalProperties": false,
        "required": [
          "batch"
        ],
        "description": "Up to 1,000 create bodies, each checked by exactly the rules of `/feedback/create`.",
        "properties": {
          "batch": {
            "type": "array",
            "title": "Batch",
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/FeedbackCreateBatchItem"
            },
            "description": "The rows to create, answered in the same order. At most 1,000 (422 above); empty is allowed and answers `{\"res\": []}`."
          },
          "atomic": {
            "type": "boolean",
            "title": "Atomic",
            "default": true,
            "description": "Our extension (Weave has no such field). `true` (the default, Weave's behaviour): the first bad item refuses the whole batch with that item's status and nothing is written. `false`: every good item is written, and each bad item gets its error in its own slot of `res` (`FeedbackCreateBatchItemError`); the answer is 200 even when every item failed."
          }
        }
      },
      "FeedbackCreateBatchItem": {
        "type": "object",
        "title": "FeedbackCreateBatchItem",
        "additionalProperties": false,
        "required": [
          "project_id",
          "weave_ref",
          "feedback_type",
          "payload"
        ],
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "weave_ref": {
            "type": "string",
            "maxLength": 2048,
            "title": "Weave Ref",
            "description": "The object or call this feedback is about.",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "feedback_type": {
            "type": "string",
            "maxLength": 256,
            "title": "Feedback Type",
            "description": "Kind of feedback: `wandb.annotation.<name>`, `wandb.runnable.<name>`, `wandb.agent_monitor`, `wandb.agent_user_feedback`, `wandb.note.1`, `wandb.reaction.1`, or any custom type.",
            "examples": [
              "custom"
            ]
          },
          "payload": {
            "type": "object",
            "title": "Payload",
            "additionalProperties": true,
            "description": "Free-form JSON object, at most 1 MiB serialized.",
            "examples": [
              {
                "key": "value"
              }
            ]
          },
          "id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 128
              },
              {
                "type": "null"
              }
            ],
            "title": "Id",
            "description": "If provided by the client, this ID will be used for the feedback row instead of a server-generated one.",
            "examples": [
              "018f1f2a-9c2b-7d3e-b5a1-8c9d2e4f6a7b"
            ]
          },
          "creator": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Creator",
            "examples": [
              "Jane Smith"
            ]
          },
          "annotation_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Annotation Ref",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "runnable_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Runnable Ref",
            "examples": [
              "weave:///entity/project/op/name:digest"
            ]
          },
          "call_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Call Ref",
            "examples": [
              "weave:///entity/project/call/call_id"
            ]
          },
          "trigger_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Trigger Ref",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "queue_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 128
              },
              {
                "type": "null"
              }
            ],
            "title": "Queue Id",
            "description": "The annotation queue ID this feedback was created from. References annotation_queues.id. NULL when feedback is created outside of queues.",
            "examples": [
              "018f1f2a-9c2b-7d3e-b5a1-8c9d2e4f6a7b"
            ]
          },
          "scorer_tags": {
            "type": "array",
            "maxItems": 256,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Scorer Tags",
            "description": "Tags applied to the ref by a scorer",
            "examples": [
              [
                "nsfw",
                "high-quality"
              ]
            ]
          },
          "scorer_tag_reasons": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 8192
            },
            "title": "Scorer Tag Reasons",
            "description": "reason text per tag, keyed by tag name",
            "examples": [
              {
                "nsfw": "Contains explicit language"
              }
            ]
          },
          "scorer_tag_confidences": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Tag Confidences",
            "description": "confidence (0-1) per tag, keyed by tag name",
            "examples": [
              {
                "nsfw": 0.92
              }
            ]
          },
          "scorer_ratings": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Ratings",
            "description": "numeric ratings (0-1) keyed by rating name",
            "examples": [
              {
                "_rating_": 0.87
              }
            ]
          },
          "scorer_rating_reasons": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 8192
            },
            "title": "Scorer Rating Reasons",
            "description": "reason text per rating, keyed by rating name",
            "examples": [
              {
                "_rating_": "very confident response"
              }
            ]
          },
          "scorer_rating_confidences": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Rating Confidences",
            "description": "confidence (0-1) per rating, keyed by rating name",
            "examples": [
              {
                "_rating_": 0.92
              }
            ]
          },
          "wb_user_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Wb User Id",
            "description": "Do not set directly. Server will automatically populate this field."
          },
          "span_agent_name": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Agent Name",
            "default": "",
            "description": "Name of the agent that produced the span."
          },
          "span_agent_version": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Agent Version",
            "default": "",
            "description": "Version of the agent that produced the span."
          },
          "span_status_code": {
            "$ref": "#/components/schemas/SpanStatusCode"
          },
          "span_conversation_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Conversation Id",
            "default": "",
            "description": "Conversation the span belongs to; filled from an `agent_conversation` weave_ref when empty."
          },
          "span_trace_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Trace Id",
            "default": "",
            "description": "Trace the span belongs to; filled from an `agent_turn` weave_ref when empty."
          },
          "scorer_trace_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Scorer Trace Id",
            "default": "",
            "description": "Trace of the scorer run that produced this feedback."
          },
          "created_at": {
            "type": "string",
            "format": "date-time",
            "maxLength": 29,
            "pattern": "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?([Zz]|[+-]\\d{2}:\\d{2})$",
            "title": "Created At",
            "description": "Our extension (Weave has no such field): store the row at this instant instead of now — RFC 3339 with an offset, at most millisecond precision, from 2000-01-01T00:00:00Z to 5 minutes past the server's clock (422 otherwise). Only for keys with the `backfill` scope (403 otherwise). Part of the row's content: a retry with the same `id` must send the same instant (409 otherwise). Absent: the batch's instant, as without this field.",
            "examples": [
              "2024-03-10T06:30:00.000Z"
            ]
          }
        },
        "description": "One row of a batch: a `/feedback/create` body, plus our optional `created_at` (backdated rows)."
      },
      "FeedbackCreateBatchItemError": {
        "type": "object",
        "title": "FeedbackCreateBatchItemError",
        "additionalProperties": false,
        "required": [
          "error"
        ],
        "description": "In a batch sent with `atomic: false`, the slot of an item that was not written: what `/feedback/create` would have answered for it. Never present in an atomic batch.",
        "properties": {
          "error": {
            "type": "object",
            "additionalProperties": false,
            "required": [
              "status",
              "reason"
            ],
            "properties": {
              "status": {
                "type": "integer",
                "enum": [
                  400,
                  403,
                  409,
                  413,
                  422
                ],
                "description": "The status `/feedback/create` would have answered."
              },
              "reason": {
                "type": "string",
                "description": "A sentence saying what is wrong, starting with the item's place (`batch[3]: …`)."
              },
              "error_type": {
                "type": "string",
                "enum": [
                  "InvalidRequest",
                  "Forbidden",
                  "Conflict",
                  "PayloadTooLarge"
                ],
                "description": "As in `ErrorResponse`; absent for a 422, which has `detail` instead."
              },
              "detail": {
                "type": "array",
                "items": {
                  "$ref": "#/components/schemas/ValidationError"
                },
                "description": "For a 422: the entries, `loc` starting `[\"body\", \"batch\", <index>, …]`."
              }
            }
          }
        }
      },
      "FeedbackCreateBatchRes": {
        "type": "object",
        "title": "FeedbackCreateBatchRes",
        "required": [
          "res"
        ],
        "properties": {
          "res": {
            "type": "array",
            "title": "Res",
            "items": {
              "anyOf": [
                {
                  "$ref": "#/components/schemas/FeedbackCreateRes"
                },
                {
                  "$ref": "#/components/schemas/FeedbackCreateBatchItemError"
                }
              ]
            },
            "description": "One entry per item, in input order: the created (or, for a repeated client `id` with the same content, the stored) row, as `/feedback/create` answers it. Only with `atomic: false` can an entry be a `FeedbackCreateBatchItemError`."
          }
        }
      },
      "FeedbackPayloadSchemaReq": {
        "type": "object",
        "title": "FeedbackPayloadSchemaReq",
        "additionalProperties": false,
        "required": [
          "project_id"
        ],
        "description": "Which payload paths a project's feedback holds, and the JSON types of their values: for metric pickers. Reads the newest `max_rows` rows that match the filters and is exact over them; `complete` in the answer says whether that was every matching row.",
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "feedback_type": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Feedback Type",
            "description": "Only rows of this feedback_type (exact match); null or empty: every type."
          },
          "start": {
            "anyOf": [
              {
                "type": "string",
                "format": "date-time",
                "maxLength": 64
              },
              {
                "type": "null"
              }
            ],
            "title": "Start",
            "description": "Only rows created at or after this instant (RFC 3339 with an offset); null: no lower bound."
          },
          "end": {
            "anyOf": [
              {
                "type": "string",
                "format": "date-time",
                "maxLength": 64
              },
              {
                "type": "null"
              }
            ],
            "title": "End",
            "description": "Only rows created before this instant; null: no upper bound. Not before `start`."
          },
          "max_rows": {
            "type": "integer",
            "minimum": 1,
            "maximum": 10000,
            "default": 1000,
            "title": "Max Rows",
            "description": "Read at most this many matching rows, the newest first (by created_at, then id)."
          }
        }
      },
      "FeedbackPayloadPath": {
        "type": "object",
        "title": "FeedbackPayloadPath",
        "additionalProperties": false,
        "required": [
          "path",
          "count",
          "types"
        ],
        "description": "One payload path and the types of the values found there.",
        "properties": {
          "path": {
            "type": "string",
            "title": "Path",
            "description": "Dot-separated object keys, as a stats metric's `json_path` takes them."
          },
          "count": {
            "type": "integer",
            "minimum": 1,
            "title": "Count",
            "description": "Rows read whose payload has this path (whatever the value's type)."
          },
          "types": {
            "type": "object",
            "title": "Types",
            "additionalProperties": false,
            "description": "Rows per JSON type of the value, only types that occur, in this order: number, boolean, string, object, array, null. For a stats metric: number → numeric, boolean → boolean, string → categorical.",
            "properties": {
              "number": {
                "type": "integer",
                "minimum": 1
              },
              "boolean": {
                "type": "integer",
                "minimum": 1
              },
              "string": {
                "type": "integer",
                "minimum": 1
              },
              "object": {
                "type": "integer",
                "minimum": 1
              },
              "array": {
                "type": "integer",
                "minimum": 1
              },
              "null": {
                "type": "integer",
                "minimum": 1
              }
            }
          }
        }
      },
      "FeedbackPayloadSchemaRes": {
        "type": "object",
        "title": "FeedbackPayloadSchemaRes",
        "additionalProperties": false,
        "required": [
          "paths",
          "rows_examined",
          "complete",
          "oldest_examined_at",
          "paths_truncated",
          "skipped_keys"
        ],
        "description": "The payload paths of the rows read, exact over those rows.",
        "properties": {
          "paths": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FeedbackPayloadPath"
            },
            "title": "Paths",
            "description": "Every path json_path can name (keys of `[A-Za-z0-9_ ]`, at most 256 characters, at most 8 keys deep; arrays are not entered), ascending by code point. At most 1,000: beyond, the most frequent are kept."
          },
          "rows_examined": {
            "type": "integer",
            "minimum": 0,
            "title": "Rows Examined",
            "description": "Rows read: the newest matching rows, at most `max_rows`."
          },
          "complete": {
            "type": "boolean",
            "title": "Complete",
            "description": "true: every row matching the filters was read. false: more rows matched; the answer is exact over the newest `rows_examined` of them (not a random sample), back to `oldest_examined_at`."
          },
          "oldest_examined_at": {
            "anyOf": [
              {
                "type": "string",
                "format": "date-time"
              },
              {
                "type": "null"
              }
            ],
            "title": "Oldest Examined At",
            "description": "created_at of the oldest row read (UTC); null when no row matched."
          },
          "paths_truncated": {
            "type": "boolean",
            "title": "Paths Truncated",
            "description": "true when more than 1,000 distinct paths were found and only the most frequent are listed."
          },
          "skipped_keys": {
            "type": "integer",
            "minimum": 0,
            "title": "Skipped Keys",
            "description": "Object members passed over, summed over the rows read: their key holds a character json_path cannot name (such as `.`, `-` or `/`), or the path would be longer than 256 characters. Their values are not entered."
          }
        }
      },
      "QueryValue": {
        "title": "QueryValue",
        "description": "A JSON value inside a query expression: operations, operands and literals. The request body may nest at most 64 levels (a 400, checked before the schema, so no validator recurses deeper), and an expression holds at most 4,096 JSON values (400).",
        "anyOf": [
          {
            "type": "string",
            "maxLength": 4096
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          },
          {
            "type": "array",
            "maxItems": 1000,
            "items": {},
            "description": "A list (its items are any JSON: the cost rule of 4,096 values in an expression bounds them)."
          },
          {
            "type": "object",
            "maxProperties": 64,
            "propertyNames": {
              "maxLength": 512
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/QueryValue"
            }
          }
        ]
      },
      "Query": {
        "type": "object",
        "title": "Query",
        "additionalProperties": false,
        "required": [
          "$expr"
        ],
        "description": "Weave's query expression (a subset of MongoDB's aggregation operators): `{\"$expr\": <operation>}`. Operations: `$and`, `$or` (lists of operations), `$not` (a list of one), `$eq`, `$gt`, `$gte`, `$lt`, `$lte` (two operands), `$in` (an operand and a list of literals), `$contains` (`{input, substr, case_insensitive?}`). Operands: `{\"$getField\": \"<field>\"}`, `{\"$literal\": <JSON>}`, `{\"$convert\": {input, to}}` with `to` one of `double`, `int`, `string`, `bool`, `exists`. Fields: the row's columns (`id`, `created_at`, `feedback_type`, `wb_user_id`, …) and dotted paths into its JSON columns (`payload.output.score`, `scorer_ratings._rating_`; `\\\\.` escapes a dot inside a key). An unknown operator or field is a 400 naming it; at most 10 operations deep and 4,096 JSON values in all (400); the request body at most 64 levels deep (400). How each operator compares values is in docs/semantics.md.",
        "properties": {
          "$expr": {
            "type": "object",
            "maxProperties": 8,
            "propertyNames": {
              "maxLength": 64
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/QueryValue"
            },
            "description": "One operation: an object with a single `$` key.",
            "examples": [
              {
                "$eq": [
                  {
                    "$getField": "feedback_type"
                  },
                  {
                    "$literal": "wandb.reaction.1"
                  }
                ]
              }
            ]
          }
        }
      },
      "FeedbackQuerySortBy": {
        "type": "object",
        "title": "SortBy",
        "additionalProperties": false,
        "required": [
          "field",
          "direction"
        ],
        "properties": {
          "field": {
            "type": "string",
            "maxLength": 512,
            "title": "Field",
            "description": "A column or a dotted path into a JSON column, as in `fields`."
          },
          "direction": {
            "type": "string",
            "enum": [
              "asc",
              "desc"
            ],
            "title": "Direction"
          }
        }
      },
      "FeedbackQueryReq": {
        "type": "object",
        "title": "FeedbackQueryReq",
        "additionalProperties": false,
        "required": [
          "project_id"
        ],
        "description": "Rows of one project, filtered, sorted and paged.",
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "fields": {
            "anyOf": [
              {
                "type": "array",
                "maxItems": 64,
                "items": {
                  "type": "string",
                  "maxLength": 512
                }
              },
              {
                "type": "null"
              }
            ],
            "title": "Fields",
            "description": "The keys of each result row, in this order: columns, or dotted paths into a JSON column (`payload.note`), keyed by the text given. Absent, null or empty: every column.",
            "examples": [
              [
                "id",
                "feedback_type",
                "payload.note"
              ]
            ]
          },
          "query": {
            "anyOf": [
              {
                "$ref": "#/components/schemas/Query"
              },
              {
                "type": "null"
              }
            ],
            "description": "Which rows; absent or null: all of the project's."
          },
          "sort_by": {
            "anyOf": [
              {
                "type": "array",
                "maxItems": 4,
                "items": {
                  "$ref": "#/components/schemas/FeedbackQuerySortBy"
                }
              },
              {
                "type": "null"
              }
            ],
            "title": "Sort By",
            "description": "Sort keys in order; every order ends with `id` ascending, so it is total. Absent: `created_at` ascending."
          },
          "limit": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 10000
              },
              {
                "type": "null"
              }
            ],
            "title": "Limit",
            "description": "At most this many rows (default 1,000; differs from Weave, where no limit means every row)."
          },
          "offset": {
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "maximum": 1000000
              },
              {
                "type": "null"
              }
            ],
            "title": "Offset",
            "description": "Rows to skip after the cursor's position (or the start). For deep paging use `cursor`."
          },
          "cursor": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 131072
              },
              {
                "type": "null"
              }
            ],
            "title": "Cursor",
            "description": "Extension (not in Weave): the `next_cursor` of the previous page of the same `sort_by`; the page then starts after that row. Stable under concurrent inserts, and as fast on the millionth row as on the first."
          }
        }
      },
      "FeedbackQueryRow": {
        "type": "object",
        "title": "FeedbackQueryRow",
        "additionalProperties": true,
        "description": "One stored row, restricted to `fields` when given. Columns keep their stored types (`created_at` an RFC 3339 instant in UTC); a path's value is the JSON found there, or null.",
        "properties": {
          "id": {
            "type": "string"
          },
          "project_id": {
            "type": "string"
          },
          "created_at": {
            "type": "string",
            "format": "date-time"
          },
          "feedback_type": {
            "type": "string"
          },
          "payload": {
            "type": "object"
          },
          "wb_user_id": {
            "type": "string"
          }
        }
      },
      "FeedbackQueryRes": {
        "type": "object",
        "title": "FeedbackQueryRes",
        "additionalProperties": false,
        "required": [
          "result",
          "next_cursor"
        ],
        "properties": {
          "result": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/FeedbackQueryRow"
            },
            "title": "Result"
          },
          "next_cursor": {
            "anyOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ],
            "title": "Next Cursor",
            "description": "Extension (not in Weave): pass as `cursor` (with the same `sort_by`) for the next page; null when no row follows this page."
          }
        }
      },
      "FeedbackReplaceReq": {
        "type": "object",
        "title": "FeedbackReplaceReq",
        "additionalProperties": false,
        "required": [
          "project_id",
          "weave_ref",
          "feedback_type",
          "payload",
          "feedback_id"
        ],
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "weave_ref": {
            "type": "string",
            "maxLength": 2048,
            "title": "Weave Ref",
            "description": "The object or call this feedback is about.",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "feedback_type": {
            "type": "string",
            "maxLength": 256,
            "title": "Feedback Type",
            "description": "Kind of feedback: `wandb.annotation.<name>`, `wandb.runnable.<name>`, `wandb.agent_monitor`, `wandb.agent_user_feedback`, `wandb.note.1`, `wandb.reaction.1`, or any custom type.",
            "examples": [
              "custom"
            ]
          },
          "payload": {
            "type": "object",
            "title": "Payload",
            "additionalProperties": true,
            "description": "Free-form JSON object, at most 1 MiB serialized.",
            "examples": [
              {
                "key": "value"
              }
            ]
          },
          "id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 128
              },
              {
                "type": "null"
              }
            ],
            "title": "Id",
            "description": "The new row's id. Absent: a new server-generated id (the id changes, as in Weave). Equal to `feedback_id`: the row keeps its id. A row of the project that already holds this id and exactly this content makes the call a safe retry (200 with that row); other content under it is a 409.",
            "examples": [
              "018f1f2a-9c2b-7d3e-b5a1-8c9d2e4f6a7b"
            ]
          },
          "creator": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Creator",
            "examples": [
              "Jane Smith"
            ]
          },
          "annotation_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Annotation Ref",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "runnable_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Runnable Ref",
            "examples": [
              "weave:///entity/project/op/name:digest"
            ]
          },
          "call_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Call Ref",
            "examples": [
              "weave:///entity/project/call/call_id"
            ]
          },
          "trigger_ref": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 2048
              },
              {
                "type": "null"
              }
            ],
            "title": "Trigger Ref",
            "examples": [
              "weave:///entity/project/object/name:digest"
            ]
          },
          "queue_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 128
              },
              {
                "type": "null"
              }
            ],
            "title": "Queue Id",
            "description": "The annotation queue ID this feedback was created from. References annotation_queues.id. NULL when feedback is created outside of queues.",
            "examples": [
              "018f1f2a-9c2b-7d3e-b5a1-8c9d2e4f6a7b"
            ]
          },
          "scorer_tags": {
            "type": "array",
            "maxItems": 256,
            "items": {
              "type": "string",
              "maxLength": 256
            },
            "title": "Scorer Tags",
            "description": "Tags applied to the ref by a scorer",
            "examples": [
              [
                "nsfw",
                "high-quality"
              ]
            ]
          },
          "scorer_tag_reasons": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 8192
            },
            "title": "Scorer Tag Reasons",
            "description": "reason text per tag, keyed by tag name",
            "examples": [
              {
                "nsfw": "Contains explicit language"
              }
            ]
          },
          "scorer_tag_confidences": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Tag Confidences",
            "description": "confidence (0-1) per tag, keyed by tag name",
            "examples": [
              {
                "nsfw": 0.92
              }
            ]
          },
          "scorer_ratings": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Ratings",
            "description": "numeric ratings (0-1) keyed by rating name",
            "examples": [
              {
                "_rating_": 0.87
              }
            ]
          },
          "scorer_rating_reasons": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "string",
              "maxLength": 8192
            },
            "title": "Scorer Rating Reasons",
            "description": "reason text per rating, keyed by rating name",
            "examples": [
              {
                "_rating_": "very confident response"
              }
            ]
          },
          "scorer_rating_confidences": {
            "type": "object",
            "maxProperties": 256,
            "propertyNames": {
              "maxLength": 256
            },
            "additionalProperties": {
              "type": "number"
            },
            "title": "Scorer Rating Confidences",
            "description": "confidence (0-1) per rating, keyed by rating name",
            "examples": [
              {
                "_rating_": 0.92
              }
            ]
          },
          "wb_user_id": {
            "anyOf": [
              {
                "type": "string",
                "maxLength": 256
              },
              {
                "type": "null"
              }
            ],
            "title": "Wb User Id",
            "description": "Do not set directly. Server will automatically populate this field."
          },
          "span_agent_name": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Agent Name",
            "default": "",
            "description": "Name of the agent that produced the span."
          },
          "span_agent_version": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Agent Version",
            "default": "",
            "description": "Version of the agent that produced the span."
          },
          "span_status_code": {
            "$ref": "#/components/schemas/SpanStatusCode"
          },
          "span_conversation_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Conversation Id",
            "default": "",
            "description": "Conversation the span belongs to; filled from an `agent_conversation` weave_ref when empty."
          },
          "span_trace_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Span Trace Id",
            "default": "",
            "description": "Trace the span belongs to; filled from an `agent_turn` weave_ref when empty."
          },
          "scorer_trace_id": {
            "type": "string",
            "maxLength": 256,
            "title": "Scorer Trace Id",
            "default": "",
            "description": "Trace of the scorer run that produced this feedback."
          },
          "feedback_id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 128,
            "title": "Feedback Id",
            "description": "The id of the row to replace, in `project_id`. Unknown: 404.",
            "examples": [
              "0193a1b2-9e6f-7a01-b2c3-d4e5f6a7b8c9"
            ]
          }
        },
        "description": "A create body plus `feedback_id`, the row it replaces (Weave's FeedbackReplaceReq). The new body is checked with every create rule before anything is deleted; the old row is deleted and the new one written in one transaction."
      },
      "FeedbackReplaceRes": {
        "type": "object",
        "title": "FeedbackReplaceRes",
        "required": [
          "id",
          "created_at",
          "wb_user_id",
          "payload"
        ],
        "properties": {
          "id": {
            "type": "string",
            "title": "Id"
          },
          "created_at": {
            "type": "string",
            "format": "date-time",
            "title": "Created At"
          },
          "wb_user_id": {
            "type": "string",
            "title": "Wb User Id"
          },
          "payload": {
            "type": "object",
            "additionalProperties": true,
            "title": "Payload",
            "description": "The payload as stored (reactions gain `alias`, `detoned` and `detoned_alias`)."
          }
        },
        "description": "The new row, as create answers it."
      },
      "FeedbackPurgeOperand0": {
        "title": "FeedbackPurgeOperand0",
        "description": "The deepest level of a purge query: scalars only (this is how the schema bounds its nesting).",
        "anyOf": [
          {
            "type": "string",
            "maxLength": 2048
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          }
        ]
      },
      "FeedbackPurgeOperand1": {
        "title": "FeedbackPurgeOperand1",
        "description": "A JSON value inside a purge query, at most 1 more levels deep.",
        "anyOf": [
          {
            "type": "string",
            "maxLength": 2048
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          },
          {
            "type": "array",
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand0"
            }
          },
          {
            "type": "object",
            "maxProperties": 8,
            "propertyNames": {
              "maxLength": 64
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand0"
            }
          }
        ]
      },
      "FeedbackPurgeOperand2": {
        "title": "FeedbackPurgeOperand2",
        "description": "A JSON value inside a purge query, at most 2 more levels deep.",
        "anyOf": [
          {
            "type": "string",
            "maxLength": 2048
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          },
          {
            "type": "array",
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand1"
            }
          },
          {
            "type": "object",
            "maxProperties": 8,
            "propertyNames": {
              "maxLength": 64
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand1"
            }
          }
        ]
      },
      "FeedbackPurgeOperand3": {
        "title": "FeedbackPurgeOperand3",
        "description": "A JSON value inside a purge query, at most 3 more levels deep.",
        "anyOf": [
          {
            "type": "string",
            "maxLength": 2048
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          },
          {
            "type": "array",
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand2"
            }
          },
          {
            "type": "object",
            "maxProperties": 8,
            "propertyNames": {
              "maxLength": 64
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand2"
            }
          }
        ]
      },
      "FeedbackPurgeOperand4": {
        "title": "FeedbackPurgeOperand4",
        "description": "A JSON value inside a purge query, at most 4 more levels deep.",
        "anyOf": [
          {
            "type": "string",
            "maxLength": 2048
          },
          {
            "type": "number"
          },
          {
            "type": "boolean"
          },
          {
            "type": "null"
          },
          {
            "type": "array",
            "maxItems": 1000,
            "items": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand3"
            }
          },
          {
            "type": "object",
            "maxProperties": 8,
            "propertyNames": {
              "maxLength": 64
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand3"
            }
          }
        ]
      },
      "FeedbackPurgeQuery": {
        "type": "object",
        "title": "FeedbackPurgeQuery",
        "description": "Weave's query form (as `/feedback/query` takes it), of which purge accepts only ids, as Weave: `{\"$expr\": {\"$eq\": [{\"$getField\": \"id\"}, {\"$literal\": \"<id>\"}]}}` or `{\"$expr\": {\"$or\": [<such $eq>, …]}}` (1–1,000 ids). Any other expression is a 400; one nested deeper than these need is a 422.",
        "additionalProperties": false,
        "required": [
          "$expr"
        ],
        "properties": {
          "$expr": {
            "type": "object",
            "maxProperties": 8,
            "propertyNames": {
              "maxLength": 64
            },
            "additionalProperties": {
              "$ref": "#/components/schemas/FeedbackPurgeOperand4"
            },
            "description": "One operation: `$eq` on `id`, or `$or` of those."
          }
        }
      },
      "FeedbackPurgeWhere": {
        "type": "object",
        "title": "FeedbackPurgeWhere",
        "description": "Our extension, for retention and deletion requests: the rows of the project matching every condition given. At least one condition; to empty a whole project say so, e.g. `created_before` = now.",
        "additionalProperties": false,
        "minProperties": 1,
        "properties": {
          "created_after": {
            "type": "string",
            "format": "date-time",
            "maxLength": 64,
            "title": "Created After",
            "description": "Rows created at or after this instant (inclusive).",
            "examples": [
              "2024-01-01T00:00:00Z"
            ]
          },
          "created_before": {
            "type": "string",
            "format": "date-time",
            "maxLength": 64,
            "title": "Created Before",
            "description": "Rows created before this instant (exclusive).",
            "examples": [
              "2024-03-01T00:00:00Z"
            ]
          },
          "feedback_type": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "title": "Feedback Type",
            "description": "Rows of exactly this feedback type (no prefix or wildcard match).",
            "examples": [
              "wandb.reaction.1"
            ]
          },
          "wb_user_id": {
            "type": "string",
            "minLength": 1,
            "maxLength": 256,
            "title": "Wb User Id",
            "description": "Rows written by this user (a deletion request).",
            "examples": [
              "alice"
            ]
          }
        }
      },
      "FeedbackPurgeReq": {
        "type": "object",
        "title": "FeedbackPurgeReq",
        "description": "Permanently delete rows of one project: by id (`query`, Weave's form) or by filter (`where`, our extension). Exactly one of the two.",
        "additionalProperties": false,
        "required": [
          "project_id"
        ],
        "properties": {
          "project_id": {
            "type": "string",
            "maxLength": 257,
            "title": "Project Id",
            "pattern": "^[A-Za-z0-9_.-]{1,128}/[A-Za-z0-9_.-]{1,128}$",
            "description": "Project as `entity/project`: exactly one `/`, both parts 1–128 characters `[A-Za-z0-9_.-]`.",
            "examples": [
              "acme/support-bot"
            ]
          },
          "query": {
            "$ref": "#/components/schemas/FeedbackPurgeQuery"
          },
          "where": {
            "$ref": "#/components/schemas/FeedbackPurgeWhere"
          }
        }
      },
      "FeedbackPurgeRes": {
        "type": "object",
        "title": "FeedbackPurgeRes",
        "description": "Weave answers `{}`; we add the number of rows deleted (always sent).",
        "additionalProperties": false,
        "properties": {
          "num_deleted": {
            "type": "integer",
            "minimum": 0,
            "title": "Num Deleted",
            "description": "Rows deleted by this call (0 when none matched, e.g. a repeated purge)."
          }
        }
      },
      "StatsTopValues": {
        "type": "object",
        "title": "StatsTopValues",
        "additionalProperties": false,
        "required": [
          "values",
          "window",
          "buckets"
        ],
        "description": "The N most frequent values of a categorical metric over the whole window, and how often each occurs. The same values are counted in every bucket, so a stacked chart of `buckets` adds up to the metric's present values (`count_<slug>`).",
        "properties": {
          "values": {
            "type": "array",
            "maxItems": 50,
            "items": {
              "type": "string"
            },
            "description": "At most `top_values` values (fewer when the window holds fewer distinct ones): by count over the window, highest first; equal counts by value in code point order. Values as the categorical extraction gives them: strings as they are, other scalars as their JSON text."
          },
          "window": {
            "$ref": "#/components/schemas/StatsValueCounts"
          },
          "buckets": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/StatsValueCounts"
            },
            "description": "One entry per element of the answer's `buckets`, in the same order; an empty bucket counts 0 everywhere."
          }
        }
      },
      "StatsValueCounts": {
        "type": "object",
        "title": "StatsValueCounts",
        "additionalProperties": false,
        "required": [
          "counts",
          "other"
        ],
        "description": "Counts of a categorical metric's present values in one bucket or the whole window.",
        "properties": {
          "counts": {
            "type": "array",
            "maxItems": 50,
            "items": {
              "type": "integer",
              "minimum": 0
            },
            "description": "`counts[i]` is how often `values[i]` occurs."
          },
          "other": {
            "type": "integer",
            "minimum": 0,
            "description": "Present values not among `values`."
          }
        }
      }
    }
  }
} as const;
