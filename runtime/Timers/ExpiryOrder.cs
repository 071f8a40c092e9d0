using System;

namespace TcpGen.Runtime.Timers
{
    /// <summary>
    /// Orders timer nodes by (deadline, scheduling sequence) without allocating: insertion sort for the usual few
    /// timers of one tick, heapsort beyond that so a crowded tick stays O(k log k).
    /// (MemoryExtensions.Sort would box a struct comparer.)
    /// </summary>
    internal static class ExpiryOrder
    {
        /// <summary>Up to this many indices, insertion sort is faster than heapsort.</summary>
        private const int InsertionSortLimit = 16;

        /// <summary>True if node <paramref name="a"/> fires before node <paramref name="b"/> within one tick.</summary>
        public static bool FiresBefore(TimerNode[] nodes, int a, int b)
        {
            ref TimerNode x = ref nodes[a];
            ref TimerNode y = ref nodes[b];
            return x.Deadline != y.Deadline ? x.Deadline < y.Deadline : x.Sequence < y.Sequence;
        }

        /// <summary>True if node <paramref name="a"/> fires before node <paramref name="b"/> overall (tick first).</summary>
        public static bool IsEarlier(TimerNode[] nodes, int a, int b)
        {
            long tickA = nodes[a].ExpiryTick;
            long tickB = nodes[b].ExpiryTick;
            return tickA != tickB ? tickA < tickB : FiresBefore(nodes, a, b);
        }

        /// <summary>Sorts node indices by <see cref="FiresBefore"/>.</summary>
        public static void Sort(TimerNode[] nodes, Span<int> indices)
        {
            if (indices.Length <= InsertionSortLimit)
            {
                InsertionSort(nodes, indices);
            }
            else
            {
                HeapSort(nodes, indices);
            }
        }

        /// <summary>Classic insertion sort: stable and fast for a handful of items.</summary>
        private static void InsertionSort(TimerNode[] nodes, Span<int> indices)
        {
            for (int i = 1; i < indices.Length; i++)
            {
                int item = indices[i];
                int j = i - 1;
                while (j >= 0 && FiresBefore(nodes, item, indices[j]))
                {
                    indices[j + 1] = indices[j];
                    j--;
                }

                indices[j + 1] = item;
            }
        }

        /// <summary>In-place heapsort; the sequence tie-break makes the order total, so stability is not needed.</summary>
        private static void HeapSort(TimerNode[] nodes, Span<int> indices)
        {
            for (int root = (indices.Length / 2) - 1; root >= 0; root--)
            {
                SiftDown(nodes, indices, root, indices.Length);
            }

            for (int end = indices.Length - 1; end > 0; end--)
            {
                (indices[0], indices[end]) = (indices[end], indices[0]);
                SiftDown(nodes, indices, 0, end);
            }
        }

        /// <summary>Restores the max-heap property below <paramref name="root"/> within the first <paramref name="length"/> items.</summary>
        private static void SiftDown(TimerNode[] nodes, Span<int> indices, int root, int length)
        {
            while (true)
            {
                int child = (2 * root) + 1;
                if (child >= length)
                {
                    return;
                }

                if (child + 1 < length && FiresBefore(nodes, indices[child], indices[child + 1]))
                {
                    child++;
                }

                if (!FiresBefore(nodes, indices[root], indices[child]))
                {
                    return;
                }

                (indices[root], indices[child]) = (indices[child], indices[root]);
                root = child;
            }
        }
    }
}
