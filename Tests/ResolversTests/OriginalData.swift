/// The assignment's original data set, verbatim from `db/worlds/original/source/` (conversations.json and
/// database.json), embedded so that the tests need no file outside the repository.
enum OriginalData {
    /// `conversations.json`: the five `/conversation_info` answers of the original chats API.
    static let conversationsJSON = #"""
[
  {
    "conversation_id": "754893",
    "messages": [
      {
        "message_id": "754893-0",
        "text": "hello, my money hasn't landed in my bank account yet. I want to know what happened",
        "created_at": "1640197668"
      }
    ],
    "merchant_id": "558392",
    "subject": "bank account receipt problem"
  },
  {
    "conversation_id": "754894",
    "messages": [
      {
        "message_id": "754894-0",
        "text": "my chip is not connected to the internet. I've already tested my wifi and it's ok, the problem is on the chip itself",
        "created_at": "1640197670"
      }
    ],
    "merchant_id": "530364",
    "subject": "connection problem"
  },
  {
    "conversation_id": "754895",
    "messages": [
      {
        "message_id": "754895-0",
        "text": "where is my credit card machine? it hasn't arrived yet, the delivery is already late",
        "created_at": "1640197673"
      }
    ],
    "merchant_id": "384923",
    "subject": "late delivery"
  },
  {
    "conversation_id": "754896",
    "messages": [
      {
        "message_id": "754896-0",
        "text": "Hi! I wanted to know where my machine is. I'm going on a vacation next week and I won't be here to receive the machine, so I'd like to know what day the delivery is planned to let someone pick it up if I'm not home",
        "created_at": "1640197675"
      }
    ],
    "merchant_id": "395023",
    "subject": "check delivery address"
  },
  {
    "conversation_id": "754897",
    "messages": [
      {
        "message_id": "754897-0",
        "text": "Good Morning! I bought the infinitepay machine and forgot the address that I asked to use to deliver the machine. Can you guys tell me where the machine will be delivered?",
        "created_at": "1640197677"
      }
    ],
    "merchant_id": "849583",
    "subject": "delivery forecast"
  }
]
"""#

    /// `database.json`: the rows of `sales`, `receipt` and `transaction`.
    static let databaseJSON = #"""
{
  "receipt": [
    {
      "created_at": "2021-12-22 01:00:00-03:00",
      "description": "bank's API is unavailable",
      "merchant_id": 558392,
      "status": "failed",
      "value": 177.4
    },
    {
      "created_at": "2021-12-22 01:00:00-03:00",
      "description": "OK",
      "merchant_id": 384923,
      "status": "success",
      "value": 1240
    }
  ],
  "sales": [
    {
      "chip_id": "CHIP37648",
      "created_at": "2021-12-01 12:00:00-03:00",
      "description": "in the delivery step",
      "id_sale": 123456,
      "merchant_id": 384923,
      "status": "in progress"
    },
    {
      "chip_id": "CHIP37650",
      "created_at": "2021-12-05 14:00:00-03:00",
      "description": "in the delivery step",
      "id_sale": 123457,
      "merchant_id": 395023,
      "status": "in progress"
    },
    {
      "chip_id": "CHIP37651",
      "created_at": "2021-12-07 17:30:00-03:00",
      "description": "in the delivery step",
      "id_sale": 123458,
      "merchant_id": 849583,
      "status": "in progress"
    },
    {
      "chip_id": "CHIP37649",
      "created_at": "2021-02-01 12:00:00-03:00",
      "description": "delivered",
      "id_sale": 34853,
      "merchant_id": 530364,
      "status": "done"
    },
    {
      "chip_id": "CHIP37652",
      "created_at": "2021-02-01 12:00:00-03:00",
      "description": "delivered",
      "id_sale": 34854,
      "merchant_id": 558392,
      "status": "done"
    }
  ],
  "transaction": [
    {
      "created_at": "2021-12-21 13:00:00-03:00",
      "merchant_id": 558392,
      "transaction_id": 374290,
      "value": 127.4
    },
    {
      "created_at": "2021-12-21 12:00:00-03:00",
      "merchant_id": 558392,
      "transaction_id": 374289,
      "value": 50
    },
    {
      "created_at": "2021-05-21 13:24:04-03:00",
      "merchant_id": 530364,
      "transaction_id": 374291,
      "value": 2339.49
    },
    {
      "created_at": "2021-05-21 17:32:04-03:00",
      "merchant_id": 530364,
      "transaction_id": 374292,
      "value": 1493
    },
    {
      "created_at": "2021-12-21 18:32:04-03:00",
      "merchant_id": 384923,
      "transaction_id": 374293,
      "value": 390
    },
    {
      "created_at": "2021-12-21 19:01:04-03:00",
      "merchant_id": 384923,
      "transaction_id": 374294,
      "value": 455
    },
    {
      "created_at": "2021-12-21 20:01:04-03:00",
      "merchant_id": 384923,
      "transaction_id": 374295,
      "value": 395
    }
  ]
}
"""#
}
