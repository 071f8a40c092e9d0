using System;

namespace TcpGen.Runtime.Engine
{
    /// <summary>
    /// Notifications waiting for the embedding layer, in order. Each connection has at most one pending notification
    /// of each kind (the connection keeps the bits), so the ring stays small; it doubles only when full.
    /// </summary>
    internal sealed class NotificationQueue
    {
        /// <summary>The ring.</summary>
        private ConnectionNotification[] _items;

        /// <summary>Position of the oldest notification.</summary>
        private int _head;

        /// <summary>Notifications held.</summary>
        private int _count;

        /// <summary>Preallocates <paramref name="capacity"/> entries.</summary>
        public NotificationQueue(int capacity)
        {
            _items = new ConnectionNotification[Math.Max(1, capacity)];
        }

        /// <summary>Notifications held.</summary>
        public int Count => _count;

        /// <summary>Appends one.</summary>
        public void Enqueue(ConnectionNotification notification)
        {
            if (_count == _items.Length)
            {
                var items = new ConnectionNotification[_items.Length * 2];
                for (int i = 0; i < _count; i++)
                {
                    items[i] = _items[(_head + i) % _items.Length];
                }

                _items = items;
                _head = 0;
            }

            _items[(_head + _count) % _items.Length] = notification;
            _count++;
        }

        /// <summary>Takes the oldest; false when empty.</summary>
        public bool TryDequeue(out ConnectionNotification notification)
        {
            if (_count == 0)
            {
                notification = default;
                return false;
            }

            notification = _items[_head];
            _head = (_head + 1) % _items.Length;
            _count--;
            return true;
        }
    }
}
