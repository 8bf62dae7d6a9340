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
#endif
