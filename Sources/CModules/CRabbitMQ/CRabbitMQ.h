// rabbitmq-c moved its headers into <rabbitmq-c/...> in 0.13; Debian 12 ships 0.11 with <amqp.h>.
// The SSL socket (amqps://) is OpenSSL's: Debian builds librabbitmq with it (libssl3).
#ifndef C_RABBITMQ_H
#define C_RABBITMQ_H
#if __has_include(<rabbitmq-c/amqp.h>)
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#include <rabbitmq-c/ssl_socket.h>
#else
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <amqp_ssl_socket.h>
#endif
#endif
