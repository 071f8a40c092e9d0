using System;

namespace TcpGen.Runtime.Engine
{
    /// <summary>A FIFO of ints in a ring that doubles only when full: connection indices waiting to send, accept queues.</summary>
    internal sealed class IndexQueue
    {
        /// <summary>The ring.</summary>
        private int[] _items;

        /// <summary>Position of the oldest item.</summary>
        private int _head;

        /// <summary>Items held.</summary>
        private int _count;

        /// <summary>Preallocates <paramref name="capacity"/> entries.</summary>
        public IndexQueue(int capacity)
        {
            _items = new int[Math.Max(1, capacity)];
        }

        /// <summary>Items held.</summary>
        public int Count => _count;

        /// <summary>Appends an item.</summary>
        public void Enqueue(int item)
        {
            if (_count == _items.Length)
            {
                var items = new int[_items.Length * 2];
                for (int i = 0; i < _count; i++)
                {
                    items[i] = _items[(_head + i) % _items.Length];
                }

                _items = items;
                _head = 0;
            }

            _items[(_head + _count) % _items.Length] = item;
            _count++;
        }

        /// <summary>The oldest item.</summary>
        public int Peek() => _items[_head];

        /// <summary>Removes the oldest item.</summary>
        public int Dequeue()
        {
            int item = _items[_head];
            _head = (_head + 1) % _items.Length;
            _count--;
            return item;
        }

        /// <summary>Removes every occurrence of <paramref name="item"/>, keeping order.</summary>
        public void Remove(int item)
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
            {
                int value = _items[(_head + i) % _items.Length];
                if (value != item)
                {
                    _items[(_head + kept) % _items.Length] = value;
                    kept++;
                }
            }

            _count = kept;
        }
    }
}
