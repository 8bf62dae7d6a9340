// rabbitmq-c moved its headers into <rabbitmq-c/...> in 0.13; Debian 12 ships 0.11 with <amqp.h>.
#ifndef C_RABBITMQ_H
#define C_RABBITMQ_H
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#else
#include <amqp.h>
#include <amqp_tcp_socket.h>
#endif
#endif
