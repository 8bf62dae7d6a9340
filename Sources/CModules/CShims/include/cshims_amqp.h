#ifndef CSHIMS_AMQP_H
#define CSHIMS_AMQP_H
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#else
#include <amqp.h>
#include <amqp_tcp_socket.h>
#endif

/// amqp_login with SASL PLAIN (amqp_login is variadic).
amqp_rpc_reply_t cshim_amqp_login_plain(amqp_connection_state_t state, const char *vhost,
                                        int channel_max, int frame_max, int heartbeat,
                                        const char *user, const char *password);

/// amqp_login_with_properties with SASL PLAIN (variadic too). `properties` is merged into the
/// library's default client properties (a nested `capabilities` table is merged key by key).
amqp_rpc_reply_t cshim_amqp_login_plain_with_properties(amqp_connection_state_t state,
                                                        const char *vhost, int channel_max,
                                                        int frame_max, int heartbeat,
                                                        const amqp_table_t *properties,
                                                        const char *user, const char *password);
#endif
